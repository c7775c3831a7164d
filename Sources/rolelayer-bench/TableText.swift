import Foundation

/// The report as plain-text tables for the terminal (and for BENCHMARKS.md).
enum TableText {
    static func render(_ report: BenchReport) -> String {
        var lines: [String] = []
        let m = report.machine
        lines.append("RoleLayer benchmark: \(m.cores) cores, \(m.cpuModel), \(String(format: "%.1f", Double(m.memoryBytes) / 1_073_741_824)) GiB; "
            + "load average \(loads(m.loadAverageStart)) at start, \(loads(m.loadAverageEnd)) at end; "
            + "B = \(report.settings.bootstrap), seed \(report.settings.seed), parse and import best of \(report.settings.runs)")
        lines.append("")
        lines += table(
            header: ["size", "respondents", "orgs", "CSV MB", "parse s", "MB/s", "rows/s", "import s", "rows/s",
                     "table s", "analysis s", "total s", "CPU s", "peak MiB", "process MiB"],
            rows: report.sizes.map { s in
                [s.label, Targets.grouped(s.analysis.respondents), Targets.grouped(s.organisations),
                 f(Double(s.parse.bytes) / 1e6, 1), f(s.parse.bestSeconds, 3), f(s.parse.megabytesPerSecond, 1),
                 Targets.grouped(Int(s.parse.rowsPerSecond)), f(s.importing.bestSeconds, 3),
                 Targets.grouped(Int(s.importing.rowsPerSecond)), f(s.analysis.tableSeconds, 3),
                 f(s.analysis.constructSeconds, 3), f(s.analysis.totalSeconds, 3), f(s.analysis.totalCPUSeconds, 2),
                 mib(Growth.analysisPeak(s)), mib(s.analysis.processPeakBytes)]
            })
        lines.append("(analysis s = cells + constructs; total s = table + analysis; peak MiB = from after parsing through the analysis; process MiB = the whole analysis process, parsing included)")
        lines.append("")
        lines.append("Analysis per construct, wall seconds (CPU seconds, both cores), summed over waves")
        let names = report.sizes.first?.analysis.constructs.map(\.name) ?? []
        lines += table(
            header: ["construct"] + report.sizes.map(\.label),
            rows: names.map { name in
                [name] + report.sizes.map { s in
                    guard let c = s.analysis.constructs.first(where: { $0.name == name }) else { return "-" }
                    return "\(f(c.seconds, 3)) (\(f(c.cpuSeconds, 2)))"
                }
            } + [["total"] + report.sizes.map { "\(f($0.analysis.constructSeconds, 3)) (\(f($0.analysis.constructCPUSeconds, 2)))" }])
        if report.sizes.contains(where: { $0.python != nil }) {
            lines.append("")
            lines.append("Python reference (same CSV, same B and seed)")
            lines += table(
                header: ["size", "py total s", "py analysis s", "py process s", "py CPU s", "py peak MiB",
                         "RL parse+analysis s", "x end-to-end", "x analysis", "x process", "x CPU",
                         "compared", "disagree", "worst rel diff"],
                rows: report.sizes.compactMap { s in
                    guard let p = s.python else { return nil }
                    return [s.label, f(p.totalSeconds, 2), f(p.analysisSeconds, 2), f(p.processSeconds, 2),
                            f(p.totalCPUSeconds, 2), mib(p.peakBytes), f(s.analysis.parseSeconds + s.analysis.totalSeconds, 3),
                            f(p.ratioEndToEnd, 1), f(p.ratioAnalysis, 1), f(p.ratioProcess, 1), f(p.ratioCPU, 1),
                            String(p.comparison.compared), String(p.comparison.disagreements),
                            String(format: "%.1e", p.comparison.worstRelativeDifference)]
                })
        }
        if !report.growth.isEmpty {
            lines.append("")
            lines.append("Growth (cost ratio, exponent = log cost ratio / log respondents ratio; 1 = linear)")
            lines += table(
                header: ["from", "to", "respondents", "parse", "import", "analysis", "analysis CPU", "peak memory"],
                rows: report.growth.map { g in
                    [g.from, g.to, "x" + f(g.respondents, 1),
                     "x\(f(g.parse, 1)) (\(f(g.parseExponent, 2)))", "x\(f(g.importing, 1)) (\(f(g.importExponent, 2)))",
                     "x\(f(g.analysis, 1)) (\(f(g.analysisExponent, 2)))", "x\(f(g.analysisCPU, 1)) (\(f(g.analysisCPUExponent, 2)))",
                     "x\(f(g.peakMemory, 2)) (\(f(g.peakMemoryExponent, 2)))"]
                })
        }
        lines.append("")
        lines.append("Targets")
        for t in report.targets {
            let mark = t.met.map { $0 ? "met   " : "MISSED" } ?? "n/a   "
            lines.append("  [\(mark)] \(t.name) (\(t.target)): \(t.measured)")
        }
        return lines.joined(separator: "\n")
    }

    // MARK: - Formatting

    static func table(header: [String], rows: [[String]]) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0.indices.contains(i) ? $0[i].count : 0 }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
    }

    static func f(_ x: Double, _ digits: Int) -> String {
        x.isFinite ? String(format: "%.\(digits)f", x) : "-"
    }

    static func mib(_ bytes: Int?) -> String {
        guard let bytes, bytes >= 0 else { return "-" }
        return String(format: "%.0f", Double(bytes) / 1_048_576)
    }

    static func loads(_ l: [Double]) -> String { l.map { String(format: "%.2f", $0) }.joined(separator: " ") }
}
