#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// What the benchmark ran on: cores, memory, CPU model, kernel, load, commit.
enum Machine {
    /// The 1-, 5- and 15-minute load averages (`uptime`).
    static func loadAverage() -> [Double] {
        var loads = [Double](repeating: 0, count: 3)
        let n = getloadavg(&loads, 3)
        return n == 3 ? loads : []
    }

    static func figures(loadStart: [Double], loadEnd: [Double]) -> MachineFigures {
        MachineFigures(
            cores: ProcessInfo.processInfo.activeProcessorCount,
            memoryBytes: Int(ProcessInfo.processInfo.physicalMemory),
            cpuModel: cpuModel(), kernel: kernel(),
            loadAverageStart: loadStart, loadAverageEnd: loadEnd, commit: commit())
    }

    /// `model name` of /proc/cpuinfo.
    static func cpuModel() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return "unknown"
    }

    /// `uname -r`.
    static func kernel() -> String {
        var name = utsname()
        uname(&name)
        return withUnsafeBytes(of: &name.release) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    /// The commit of the working directory, or `nil` outside a repository.
    static func commit() -> String? {
        guard let run = try? Driver.execute(["git", "rev-parse", "HEAD"], captureOutput: true), run.status == 0 else { return nil }
        let text = String(decoding: run.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
