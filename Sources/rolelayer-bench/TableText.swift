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
        lines.append("(analysis s = Analysis.run, cells + constructs with the waves concurrent; total s = table + analysis; peak MiB = from after parsing through the analysis; process MiB = the whole analysis process, parsing included)")
        lines.append("")
        lines.append("Analysis per construct, serial breakdown run (each construct alone, wave after wave): wall seconds (CPU seconds, both cores), summed over waves")
        let names = report.sizes.first?.analysis.constructs.map(\.name) ?? []
        lines += table(
            header: ["construct"] + report.sizes.map(\.label),
            rows: names.map { name in
                [name] + report.sizes.map { s in
                    guard let c = s.analysis.constructs.first(where: { $0.name == name }) else { return "-" }
                    return "\(f(c.seconds, 3)) (\(f(c.cpuSeconds, 2)))"
                }
            } + [["total"] + report.sizes.map { "\(f($0.analysis.breakdownSeconds, 3)) (\(f($0.analysis.breakdownCPUSeconds, 2)))" }])
        let withPython = report.sizes.filter { $0.python != nil }
        if !withPython.isEmpty {
            lines.append("")
            lines.append("Python reference on the same CSV, same B and seed: Python s / RoleLayer s = ratio (wall; CPU where said)")
            func cell(_ python: Double?, _ roleLayer: Double?) -> String {
                guard let python, let roleLayer, python.isFinite, roleLayer.isFinite, roleLayer > 0 else { return "-" }
                return "\(f(python, 2)) / \(f(roleLayer, 2)) = \(f(python / roleLayer, 1))x"
            }
            let measures: [(String, (SizeFigures, PythonFigures) -> String)] = [
                ("end to end (read + full analysis)", { s, p in cell(p.run.totalSeconds, s.analysis.parseSeconds + s.analysis.totalSeconds) }),
                ("read (read_csv + encode | parse + table)", { s, p in cell(p.run.readSeconds, s.analysis.parseSeconds + s.analysis.tableSeconds) }),
                ("analysis, matched constructs, B", { s, p in cell(p.run.analysisSeconds, s.analysis.matched?.seconds) }),
                ("analysis, matched constructs, B = 0", { s, p in cell(p.pointOnly?.analysisSeconds, s.analysis.matchedPointOnly?.seconds) }),
                ("bootstrap alone (B minus B = 0)", { s, p in
                    guard let q = p.pointOnly, let m = s.analysis.matched, let z = s.analysis.matchedPointOnly else { return "-" }
                    return cell(p.run.analysisSeconds - q.analysisSeconds, m.seconds - z.seconds)
                }),
                ("whole process (start-up included)", { _, p in cell(p.run.processSeconds, p.roleLayerProcessSeconds) }),
                ("CPU seconds, end to end", { s, p in cell(p.run.totalCPUSeconds, s.analysis.parseCPUSeconds + s.analysis.totalCPUSeconds) }),
                ("peak memory MiB (Python | analysis process)", { s, p in
                    "\(mib(p.run.peakBytes)) | \(mib(s.analysis.processPeakBytes))"
                }),
                ("point estimates compared, disagreements, worst relative difference", { _, p in
                    "\(p.comparison.compared), \(p.comparison.disagreements), \(String(format: "%.1e", p.comparison.worstRelativeDifference))"
                }),
            ]
            lines += table(
                header: ["measure"] + withPython.map(\.label),
                rows: measures.map { name, value in [name] + withPython.map { value($0, $0.python!) } })
            lines.append("(matched = cells + RSI, gradient, blockers, alignment, influence per wave, RoleLayer without shifts and without the permutation test; still a superset of the reference's statistics)")
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
