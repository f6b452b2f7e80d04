@echo off
rem portscope for Windows (cmd.exe): builds when its jar is missing or older than its sources, then
rem runs it. The same logic as the shell launcher ./portscope, step by step (README, "Launchers").
setlocal EnableExtensions DisableDelayedExpansion
set "here=%~dp0"
set "here=%here:~0,-1%"
set "jar=%here%\target\portscope.jar"
set "aot=%here%\target\portscope.aot"
set "java_cache=%here%\target\.java-path"

rem 1. A java 25: the one found last time (unless JAVA_HOME names another), else JAVA_HOME, PATH,
rem    then the standard install directories.
set "java="
set "cached="
if exist "%java_cache%" set /p cached=<"%java_cache%"
if defined cached if exist "%cached%" (
  if not defined JAVA_HOME set "java=%cached%"
  if defined JAVA_HOME if /i "%JAVA_HOME%\bin\java.exe"=="%cached%" set "java=%cached%"
)
if not defined java call :find_java25
if not defined java (
  echo portscope: needs a JDK 25 or newer: none found in JAVA_HOME, on PATH or in the standard install directories. 1>&2
  echo Install one ^(for example Temurin 25^) and set JAVA_HOME to it. 1>&2
  exit /b 2
)

rem 2. Build on first run, or when a source or the pom is newer than the jar.
set "stale="
if not exist "%jar%" set "stale=1"
if not defined stale call :newer_than "%jar%" "%here%\src\main" "%here%\pom.xml"
if defined stale (
  echo portscope: building ^(first run, or the sources changed^)... 1>&2
  for %%J in ("%java%") do for %%B in ("%%~dpJ..") do set "build_home=%%~fB"
  call :build
  if errorlevel 1 (
    echo portscope: the build failed ^(see above^) 1>&2
    exit /b 70
  )
  if exist "%aot%" del /q "%aot%"
)
if /i not "%java%"=="%cached%" >"%java_cache%" echo(%java%

rem 3. Run: C1 only and the serial collector for a short command; the commands that keep running
rem    (events, top, serve) get the optimising compiler, a larger young generation and a heap ceiling.
set "flags=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn4m -XX:-UsePerfData --enable-native-access=ALL-UNNAMED"
set "first=%~1"
if /i "%first%"=="events" goto :long_running
if /i "%first%"=="top" goto :long_running
if /i "%first%"=="serve" goto :long_running

rem 4. The start-up cache (JEP 483, 514): one training run after each build or launcher change.
if exist "%aot%" call :newer_than "%aot%" "%jar%" "%~f0"
if exist "%aot%" if defined stale_aot del /q "%aot%"
if not exist "%aot%" "%java%" %flags% -XX:AOTCacheOutput="%aot%" -jar "%jar%" listen >nul 2>&1
if exist "%aot%" set "flags=%flags% -XX:AOTCache="%aot%" -Xlog:aot=off -Xlog:cds=off"
"%java%" %flags% -jar "%jar%" %*
exit /b %errorlevel%

:long_running
if not defined PORTSCOPE_MAX_HEAP set "PORTSCOPE_MAX_HEAP=1g"
"%java%" -XX:+UseSerialGC -Xmn64m -Xmx%PORTSCOPE_MAX_HEAP% -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20 -XX:-UsePerfData --enable-native-access=ALL-UNNAMED -jar "%jar%" %*
exit /b %errorlevel%

rem Sets java to the first java 25 or newer of JAVA_HOME, PATH and the standard install directories.
:find_java25
if defined JAVA_HOME call :try_java "%JAVA_HOME%\bin\java.exe"
if defined java exit /b 0
for /f "delims=" %%P in ('where java.exe 2^>nul') do if not defined java call :try_java "%%P"
if defined java exit /b 0
for /d %%D in ("%ProgramFiles%\Eclipse Adoptium\jdk-2*" "%ProgramFiles%\Java\jdk-2*" "%ProgramFiles%\Microsoft\jdk-2*" "%ProgramFiles%\Zulu\zulu-2*" "%ProgramFiles%\Amazon Corretto\jdk2*") do if not defined java call :try_java "%%D\bin\java.exe"
exit /b 0

rem Takes the java given when it exists and is version 25 or newer (java.specification.version).
:try_java
if not exist "%~1" exit /b 0
set "version="
rem (the command is quoted once more: cmd /c strips the outer pair of quotes)
for /f "tokens=2 delims==" %%V in ('""%~1" -XshowSettings:properties -version 2^>^&1 ^| findstr /c:"java.specification.version""') do set "version=%%V"
if not defined version exit /b 0
set "version=%version: =%"
for /f "tokens=1 delims=." %%M in ("%version%") do if %%M GEQ 25 set "java=%~1"
exit /b 0

rem Sets stale (or stale_aot, for the cache) when any file under the given paths is newer than the first.
rem cmd.exe cannot compare file times itself; PowerShell, on every Windows since 7, can.
:newer_than
set "target=%~1"
shift
set "paths="
:newer_than_args
if "%~1"=="" goto :newer_than_check
set "paths=%paths%,'%~1'"
shift
goto :newer_than_args
:newer_than_check
powershell -NoProfile -NonInteractive -Command "$t=(Get-Item -LiteralPath '%target%').LastWriteTime; if (Get-ChildItem -LiteralPath %paths:~1% -Recurse -File | Where-Object { $_.LastWriteTime -gt $t } | Select-Object -First 1) { exit 1 } else { exit 0 }"
if errorlevel 1 (
  if /i "%target%"=="%aot%" (set "stale_aot=1") else (set "stale=1")
)
exit /b 0

:build
setlocal
set "JAVA_HOME=%build_home%"
call "%here%\mvnw.cmd" -q -B -f "%here%\pom.xml" -Dmaven.test.skip=true package 1>&2
exit /b %errorlevel%
