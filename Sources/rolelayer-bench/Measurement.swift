#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Clocks and memory figures of the running process, for the benchmark phases.
///
/// Wall time from `CLOCK_MONOTONIC`; CPU time from `getrusage(RUSAGE_SELF)` (user + system, all
/// threads, so a phase that keeps both cores busy for 1 s of wall time shows about 2 s of CPU).
/// Peak resident memory is `VmHWM` of `/proc/self/status` (Linux): the high-water mark of the
/// resident set since the process started or since the last ``resetPeak()``.
enum Measurement {
    /// Seconds on the monotonic clock (arbitrary origin).
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// User + system CPU seconds of the process so far, all threads.
    static func cpuSeconds() -> Double {
        var u = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &u)
        #else
        getrusage(RUSAGE_SELF, &u)
        #endif
        let user = Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) * 1e-6
        let system = Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) * 1e-6
        return user + system
    }

    /// Peak resident set (`VmHWM`, bytes), or `nil` where `/proc/self/status` is unavailable.
    static func peakResidentBytes() -> Int? { statusField("VmHWM:") }

    /// Current resident set (`VmRSS`, bytes), or `nil` where unavailable.
    static func residentBytes() -> Int? { statusField("VmRSS:") }

    /// Resets the peak resident set to the current resident set (Linux: writing `5` to
    /// `/proc/self/clear_refs`, kernel 4.0 and later). Returns `false` when that is not possible,
    /// in which case ``peakResidentBytes()`` keeps counting from the process start.
    @discardableResult
    static func resetPeak() -> Bool {
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return write(fd, "5", 1) == 1
    }

    /// Runs `body`, returning its value with the wall and CPU seconds it took.
    static func timed<T>(_ body: () throws -> T) rethrows -> (value: T, seconds: Double, cpuSeconds: Double) {
        let c0 = cpuSeconds()
        let t0 = now()
        let value = try body()
        let t1 = now()
        let c1 = cpuSeconds()
        return (value, t1 - t0, c1 - c0)
    }

    /// A `kB` line of `/proc/self/status`, in bytes.
    private static func statusField(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            let digits = line.dropFirst(name.count).filter { $0.isNumber }
            return Int(digits).map { $0 * 1024 }
        }
        return nil
    }
}

/// Summary of repeated timings.
struct RunTimes: Codable, Sendable {
    /// Wall seconds of every run, in order.
    var seconds: [Double]
    /// CPU seconds of every run, in order.
    var cpuSeconds: [Double]
    /// The fastest run's wall seconds (the figure the benchmark reports: least disturbed by other load).
    var best: Double { seconds.min() ?? .nan }
    /// The median run's wall seconds (type-7 median).
    var median: Double {
        let s = seconds.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
    /// CPU seconds of the fastest run.
    var bestCPU: Double { seconds.indices.min { seconds[$0] < seconds[$1] }.map { cpuSeconds[$0] } ?? .nan }
}
