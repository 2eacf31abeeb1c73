package dev.connector.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads what the benchmark reports about a JVM: bytes allocated by its threads, its resident
 * set size and its peak heap use.
 */
final class JvmProbe {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private JvmProbe() {
	}

	/**
	 * Take a snapshot of the bytes each live thread has allocated so far.
	 * @return thread id to allocated bytes
	 */
	static Map<Long, Long> threadAllocations() {
		long[] ids = THREADS.getAllThreadIds();
		long[] bytes = THREADS.getThreadAllocatedBytes(ids);
		Map<Long, Long> snapshot = new HashMap<>(ids.length * 2);
		for (int i = 0; i < ids.length; i++) {
			if (bytes[i] >= 0) {
				snapshot.put(ids[i], bytes[i]);
			}
		}
		return snapshot;
	}

	/**
	 * Return the bytes allocated since a snapshot by the threads alive now. Counting per thread
	 * keeps a thread that ended in between from making the sum wrong; a thread started in
	 * between counts in full.
	 * @param before the earlier snapshot
	 * @return the bytes allocated since
	 */
	static long allocatedSince(Map<Long, Long> before) {
		long total = 0;
		for (Map.Entry<Long, Long> now : threadAllocations().entrySet()) {
			total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
		}
		return total;
	}

	/**
	 * Return a process's resident set size.
	 * @param pid the process id
	 * @return {@code VmRSS} in KiB, or -1 when it cannot be read
	 */
	static long rssKiB(long pid) {
		return procStatus(pid, "VmRSS:");
	}

	/**
	 * Return a process's peak resident set size.
	 * @param pid the process id
	 * @return {@code VmHWM} in KiB, or -1 when it cannot be read
	 */
	static long peakRssKiB(long pid) {
		return procStatus(pid, "VmHWM:");
	}

	/**
	 * Return this process's id.
	 * @return the pid
	 */
	static long self() {
		return ProcessHandle.current().pid();
	}

	private static long procStatus(long pid, String key) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith(key)) {
					return Long.parseLong(line.substring(key.length()).replace("kB", "").trim());
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux, or the process is gone
		}
		return -1;
	}

	/**
	 * Reset the peak usage of every heap pool.
	 */
	static void resetHeapPeak() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				pool.resetPeakUsage();
			}
		}
	}

	/**
	 * Return the sum of the heap pools' peak usage since the last reset. Each pool peaks at
	 * its own moment, so this is an upper bound of the heap's true peak.
	 * @return bytes
	 */
	static long heapPeakBytes() {
		long total = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
				total += pool.getPeakUsage().getUsed();
			}
		}
		return total;
	}

}
