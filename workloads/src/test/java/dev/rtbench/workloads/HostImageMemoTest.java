package dev.rtbench.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostImageMemoTest {

    @Test
    void theHostIsReadOnceWhileItsFilesStayAsTheyWere() {
        assumeTrue(Files.isRegularFile(WorkloadImage.HOST_BUSYBOX), "no busybox here to build an image from");
        AtomicInteger reads = new AtomicInteger();
        WorkloadImage first = HostImageMemo.get(() -> {
            reads.incrementAndGet();
            return WorkloadImage.withBusybox(WorkloadImage.HOST_BUSYBOX);
        });
        WorkloadImage second = HostImageMemo.get(() -> {
            reads.incrementAndGet();
            return WorkloadImage.withBusybox(WorkloadImage.HOST_BUSYBOX);
        });
        assertSame(first, second);
        assertTrue(reads.get() <= 1, "read " + reads.get() + " times");
    }

    @Test
    void aFileChangedReplacedOrRemovedChangesItsStamp(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("libfoo.so.1");
        Files.writeString(f, "one");
        List<String> paths = List.of(f.toString());
        var before = HostImageMemo.stamps(paths);
        Files.writeString(f, "two, longer");
        assertNotEquals(before, HostImageMemo.stamps(paths));
        var written = HostImageMemo.stamps(paths);
        Path next = dir.resolve("next");
        Files.writeString(next, "two, longer");
        Files.move(next, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertNotEquals(written, HostImageMemo.stamps(paths), "same size, another inode");
        Files.delete(f);
        assertEquals("absent", HostImageMemo.stamps(paths).get(f.toString()));
    }
}
