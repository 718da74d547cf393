package dev.rtbench.workloads;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks on the busybox binary the workload image is built from: static, and with the applets the scripts run. */
final class BusyboxBinary {
    private BusyboxBinary() {}

    private static final int PT_INTERP = 3;

    /**
     * Refuses anything but a statically linked ELF executable: the image has no libc and no
     * dynamic loader, so a dynamically linked busybox would fail in every container with a
     * bare "no such file or directory". Static means no PT_INTERP program header.
     */
    static void checkStaticElf(Path path, byte[] elf) {
        if (elf.length < 52 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F') {
            throw new IllegalStateException(path + " is not an ELF executable, so it cannot be the busybox of the "
                    + "workload image; install Debian's `apt-get install busybox-static`");
        }
        boolean is64 = elf[4] == 2;
        ByteBuffer b = ByteBuffer.wrap(elf).order(elf[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long phoff;
        int phentsize;
        int phnum;
        try {
            phoff = is64 ? b.getLong(0x20) : Integer.toUnsignedLong(b.getInt(0x1C));
            phentsize = Short.toUnsignedInt(b.getShort(is64 ? 0x36 : 0x2A));
            phnum = Short.toUnsignedInt(b.getShort(is64 ? 0x38 : 0x2C));
            for (int i = 0; i < phnum; i++) {
                long at = phoff + (long) i * phentsize;
                if (b.getInt(Math.toIntExact(at)) == PT_INTERP) {
                    throw new IllegalStateException(path + " is a dynamically linked busybox (it names a program "
                            + "interpreter): the workload image holds no libc or dynamic loader, so it could not run "
                            + "there; install the static one with `apt-get install busybox-static`");
                }
            }
        } catch (IndexOutOfBoundsException | ArithmeticException e) {
            throw new IllegalStateException(path + " is a truncated or corrupt ELF file", e);
        }
    }

    /** Those of {@code applets} whose names are not in busybox's NUL-separated applet name table. */
    static List<String> missingApplets(byte[] busybox, List<String> applets) {
        String text = new String(busybox, StandardCharsets.ISO_8859_1);
        List<String> missing = new ArrayList<>();
        for (String applet : applets) {
            if (!text.contains("\0" + applet + "\0") && !text.startsWith(applet + "\0")) {
                missing.add(applet);
            }
        }
        return missing;
    }
}
