package dev.rtbench.harness.io;

/**
 * Another process for lock tests: holds the {@link EditLock} of args[0] (daemon.json's and config.toml's are the
 * same lock), prints "locked", and lets go when its stdin closes.
 */
public final class EditLockHolder {
    public static void main(String[] args) throws Exception {
        try (EditLock l = EditLock.acquire(java.nio.file.Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent
            }
        }
    }
}
