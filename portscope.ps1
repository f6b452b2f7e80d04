# portscope for PowerShell (Windows PowerShell 5.1 and PowerShell 7 on Windows, macOS, Linux): builds
# when its jar is missing or older than its sources, then runs it. The same logic as the shell
# launcher ./portscope, step by step (README, "Launchers"). Arguments pass through untouched:
#   .\portscope.ps1 conns state established '( sport = :443 )'
$ErrorActionPreference = 'Stop'
$here = $PSScriptRoot
$target = Join-Path $here 'target'
$jar = Join-Path $target 'portscope.jar'
$aot = Join-Path $target 'portscope.aot'
$javaCache = Join-Path $target '.java-path'
$exe = if ($IsWindows -or $env:OS -eq 'Windows_NT') { 'java.exe' } else { 'java' }

# The major version of a java ("25" for a JDK 25), from java.specification.version; 0 when it does not run.
function Get-JavaFeature([string] $java) {
    $ErrorActionPreference = 'Continue' # Windows PowerShell 5.1 turns a native program's stderr into errors
    $line = & $java -XshowSettings:properties -version 2>&1 | ForEach-Object { "$_" } |
        Where-Object { $_ -match 'java\.specification\.version' } | Select-Object -First 1
    if ($line -match '=\s*(\d+)') { return [int] $Matches[1] }
    return 0
}

# 1. A java 25: JAVA_HOME, PATH, then the standard install directories.
function Find-Java25 {
    $candidates = @()
    if ($env:JAVA_HOME) { $candidates += Join-Path $env:JAVA_HOME (Join-Path 'bin' $exe) }
    $onPath = Get-Command $exe -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($onPath) { $candidates += $onPath.Source }
    foreach ($pattern in @("$env:ProgramFiles\Eclipse Adoptium\jdk-2*", "$env:ProgramFiles\Java\jdk-2*",
            "$env:ProgramFiles\Microsoft\jdk-2*", "$env:ProgramFiles\Zulu\zulu-2*", "$env:ProgramFiles\Amazon Corretto\jdk2*",
            '/Library/Java/JavaVirtualMachines/*25*/Contents/Home', '/usr/lib/jvm/*25*')) {
        foreach ($dir in (Get-Item -Path $pattern -ErrorAction SilentlyContinue)) { $candidates += Join-Path $dir.FullName (Join-Path 'bin' $exe) }
    }
    foreach ($candidate in $candidates) {
        if ((Test-Path -LiteralPath $candidate -PathType Leaf) -and (Get-JavaFeature $candidate) -ge 25) { return $candidate }
    }
    return $null
}

# True when any file under $paths is newer than $file.
function Test-Newer([string] $file, [string[]] $paths) {
    $time = (Get-Item -LiteralPath $file).LastWriteTime
    return [bool] (Get-ChildItem -LiteralPath $paths -Recurse -File | Where-Object { $_.LastWriteTime -gt $time } | Select-Object -First 1)
}

# The java found last time is remembered: probing a JDK's version costs more than starting portscope.
$cached = if (Test-Path -LiteralPath $javaCache) { (Get-Content -LiteralPath $javaCache -TotalCount 1).Trim() } else { '' }
if ($cached -and (Test-Path -LiteralPath $cached) -and (-not $env:JAVA_HOME -or (Join-Path $env:JAVA_HOME (Join-Path 'bin' $exe)) -eq $cached)) {
    $java = $cached
} else {
    $java = Find-Java25
    if (-not $java) {
        [Console]::Error.WriteLine('portscope: needs a JDK 25 or newer: none found in JAVA_HOME, on PATH or in the standard install directories.')
        [Console]::Error.WriteLine('Install one (for example Temurin 25) and set JAVA_HOME to it.')
        exit 2
    }
}

# 2. Build on first run, or when a source or the pom is newer than the jar.
if (-not (Test-Path -LiteralPath $jar) -or (Test-Newer $jar @((Join-Path $here 'src/main'), (Join-Path $here 'pom.xml')))) {
    [Console]::Error.WriteLine('portscope: building (first run, or the sources changed)...')
    $saved = $env:JAVA_HOME
    $env:JAVA_HOME = Split-Path -Parent (Split-Path -Parent $java)
    $mvnw = if ($exe -eq 'java.exe') { Join-Path $here 'mvnw.cmd' } else { Join-Path $here 'mvnw' }
    & $mvnw -q -B -f (Join-Path $here 'pom.xml') '-Dmaven.test.skip=true' package | ForEach-Object { [Console]::Error.WriteLine("$_") }
    $built = $LASTEXITCODE
    $env:JAVA_HOME = $saved
    if ($built -ne 0) {
        [Console]::Error.WriteLine('portscope: the build failed (see above)')
        exit 70
    }
    Remove-Item -LiteralPath $aot -ErrorAction SilentlyContinue
}
if ($java -ne $cached) { Set-Content -LiteralPath $javaCache -Value $java }

# 3. Run: C1 only and the serial collector for a short command; the commands that keep running
#    (events, top, serve) get the optimising compiler, a larger young generation and a heap ceiling.
$flags = @('-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xmn4m', '-XX:-UsePerfData', '--enable-native-access=ALL-UNNAMED')
if ($args.Count -gt 0 -and @('events', 'top', 'serve') -contains $args[0]) {
    $heap = if ($env:PORTSCOPE_MAX_HEAP) { $env:PORTSCOPE_MAX_HEAP } else { '1g' }
    & $java -XX:+UseSerialGC -Xmn64m "-Xmx$heap" -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20 -XX:-UsePerfData --enable-native-access=ALL-UNNAMED -jar $jar @args
    exit $LASTEXITCODE
}

# 4. The start-up cache (JEP 483, 514): one training run after each build or launcher change.
if ((Test-Path -LiteralPath $aot) -and (Test-Newer $aot @($jar, $PSCommandPath))) {
    Remove-Item -LiteralPath $aot
}
if (-not (Test-Path -LiteralPath $aot)) {
    & $java @flags "-XX:AOTCacheOutput=$aot" -jar $jar listen *> $null
}
if (Test-Path -LiteralPath $aot) {
    $flags += @("-XX:AOTCache=$aot", '-Xlog:aot=off', '-Xlog:cds=off')
}
& $java @flags -jar $jar @args
exit $LASTEXITCODE
