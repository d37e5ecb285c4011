package dev.dynamo.store;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Lets zonky's embedded PostgreSQL run when the tests run as root (as they do here and in CI):
 * PostgreSQL refuses uid 0, so the archive zonky extracts gets {@code initdb} and {@code pg_ctl}
 * replaced by wrappers that hand the data directory to {@code nobody} and run the real binary as
 * {@code nobody} through {@code setpriv} (util-linux). As any other user the archive is left as it is.
 */
public final class RootSafePgBinaryResolver implements PgBinaryResolver {
    private static final Set<String> WRAPPED = Set.of("initdb", "pg_ctl");
    private static final String WRAPPER = """
            #!/bin/sh
            # PostgreSQL refuses to run as root: run the real binary as nobody, owning the data directory.
            real="$0.real"
            if [ "$(id -u)" != 0 ]; then exec "$real" "$@"; fi
            data=""; previous=""
            for arg in "$@"; do
              if [ "$previous" = "-D" ]; then data="$arg"; fi
              previous="$arg"
            done
            if [ -n "$data" ]; then chown -R nobody "$data"; fi
            exec setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$real" "$@"
            """;

    private static byte[] repacked;

    @Override
    public InputStream getPgBinary(String system, String architecture) throws IOException {
        var original = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, architecture);
        if (new UnixSystem().getUid() != 0) return original;
        return new ByteArrayInputStream(repack(original));
    }

    private static synchronized byte[] repack(InputStream original) throws IOException {
        if (repacked != null) return repacked;
        var bytes = new ByteArrayOutputStream(64 << 20);
        // stored, not compressed: zonky only decompresses it, and compressing 57 MB takes long
        var options = new LZMA2Options();
        options.setMode(LZMA2Options.MODE_UNCOMPRESSED);
        try (var in = new TarArchiveInputStream(new XZCompressorInputStream(original));
             var out = new TarArchiveOutputStream(new XZOutputStream(bytes, options))) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                var name = entry.getName();
                var fileName = name.substring(name.lastIndexOf('/') + 1);
                var wrapped = entry.isFile() && name.contains("bin/") && WRAPPED.contains(fileName);
                var modified = entry.getLastModifiedDate();
                if (wrapped) {
                    var real = new TarArchiveEntry(name + ".real");
                    real.setMode(entry.getMode());
                    real.setSize(entry.getSize());
                    real.setModTime(modified);
                    entry = real;
                }
                out.putArchiveEntry(entry);
                in.transferTo(out);
                out.closeArchiveEntry();
                if (wrapped) {
                    var script = WRAPPER.getBytes(StandardCharsets.UTF_8);
                    var wrapper = new TarArchiveEntry(name);
                    wrapper.setMode(0755);
                    wrapper.setSize(script.length);
                    // the same bytes on every run: zonky keys its extracted copy on the archive's digest
                    wrapper.setModTime(modified);
                    out.putArchiveEntry(wrapper);
                    out.write(script);
                    out.closeArchiveEntry();
                }
            }
        }
        repacked = bytes.toByteArray();
        return repacked;
    }
}
