package dev.portscope.serve;

import dev.portscope.app.FileException;
import dev.portscope.app.InputFiles;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A TLS server context from PEM files: a certificate chain ({@code -----BEGIN CERTIFICATE-----},
 * the server's first) and its unencrypted private key, as PKCS#8 ({@code -----BEGIN PRIVATE
 * KEY-----}, what {@code openssl genpkey} and {@code openssl req -noenc} write: RSA, EC or Ed25519)
 * or PKCS#1 RSA ({@code -----BEGIN RSA PRIVATE KEY-----}). Encrypted keys and SEC1 EC keys
 * ({@code BEGIN EC PRIVATE KEY}) are refused with the command that converts them.
 */
public final class TlsFiles {

    private static final long LIMIT = 1 << 20;

    private TlsFiles() {}

    /** @throws IllegalArgumentException with a one-line reason */
    public static SSLContext context(Path certificateFile, Path keyFile) {
        try {
            byte[] certificates = InputFiles.read(certificateFile, "read certificate", LIMIT);
            List<? extends Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(certificates)));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException(certificateFile + " holds no PEM certificate");
            }
            PrivateKey key = privateKey(InputFiles.text(InputFiles.read(keyFile, "read key", LIMIT), keyFile, "read key"), keyFile);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("portscope", key, password, chain.toArray(Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (FileException e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("cannot use " + certificateFile + " and " + keyFile + " for TLS: " + e.getMessage());
        }
    }

    static PrivateKey privateKey(String pem, Path file) throws GeneralSecurityException {
        if (pem.contains("ENCRYPTED PRIVATE KEY") || pem.contains("Proc-Type: 4,ENCRYPTED")) {
            throw new IllegalArgumentException(file + " is encrypted: portscope serve needs the key in clear, readable by it alone"
                    + " (openssl pkey -in KEY -out PLAIN.pem)");
        }
        if (pem.contains("BEGIN EC PRIVATE KEY")) {
            throw new IllegalArgumentException(file + " is a SEC1 EC key: convert it to PKCS#8 (openssl pkey -in KEY -out KEY.pk8.pem)");
        }
        byte[] der;
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        der = block(pem, pkcs1 ? "RSA PRIVATE KEY" : "PRIVATE KEY", file);
        if (pkcs1) {
            der = pkcs1ToPkcs8(der);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException tryNext) {
                // not a key of this algorithm
            }
        }
        throw new IllegalArgumentException(file + " holds no RSA, EC or EdDSA private key that Java can read");
    }

    private static byte[] block(String pem, String label, Path file) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end, Math.max(from, 0));
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException(file + " has no PEM block '" + begin + "'");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": the PEM block is not base64");
        }
    }

    /**
     * Wraps a PKCS#1 RSAPrivateKey (RFC 8017 A.1.2) in a PKCS#8 PrivateKeyInfo (RFC 5208 §5):
     * SEQUENCE { INTEGER 0, SEQUENCE { OID rsaEncryption, NULL }, OCTET STRING key }.
     */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = tlv(0x04, pkcs1);
        byte[] body = new byte[version.length + algorithm.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
        System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
        return tlv(0x30, body);
    }

    /** A DER tag, length and value. */
    private static byte[] tlv(int tag, byte[] value) {
        int n = value.length;
        byte[] length;
        if (n < 0x80) {
            length = new byte[] {(byte) n};
        } else if (n < 0x100) {
            length = new byte[] {(byte) 0x81, (byte) n};
        } else if (n < 0x10000) {
            length = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        } else {
            length = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        }
        byte[] out = new byte[1 + length.length + n];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(value, 0, out, 1 + length.length, n);
        return out;
    }
}
