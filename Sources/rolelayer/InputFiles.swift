import RoleLayerCore
import RoleLayerIO

/// Reading the files named on the command line, shared by `validate` and `import`.
enum InputFiles {
    /// What reading the command's files gave.
    struct Readings {
        /// One report per readable file, in command-line order.
        var reports: [ReadReport] = []
        /// The files that could not be read at all.
        var unreadable: [InputError] = []
        /// The wave granularity the files were checked against.
        var granularity: Wave.Granularity?

        /// Whether any readable file had an error (a rejected row, a rejected file, no data rows).
        var hasErrors: Bool { reports.contains { $0.hasErrors || $0.rowsRead == 0 } }
    }

    /// Reads each path in turn and prints its problems (errors and warnings) to standard error,
    /// one per line as `file:row:column: value: reason`, and each unreadable file as
    /// `rolelayer: cannot read PATH: REASON`.
    ///
    /// One study uses one granularity: `granularity` (the store's) if given, else that of the first
    /// valid wave read; every later file is checked against it.
    static func read(_ paths: [String], reader: ResponseReader, granularity: Wave.Granularity?, err: StandardError) -> Readings {
        var out = Readings(granularity: granularity)
        for (i, path) in paths.enumerated() {
            err.progress("reading \(path) (\(i + 1)/\(paths.count))…")
            do {
                let report = try reader.read(path: path, granularity: out.granularity)
                for problem in report.problems { err.line(problem.description) }
                if report.rowsRead == 0 && !report.hasErrors {
                    err.line(ImportProblem(file: path, row: 1, reason: "no data rows").description)
                }
                if out.granularity == nil { out.granularity = report.granularity }
                out.reports.append(report)
            } catch {
                err.line("rolelayer: " + CLIError(error).message)
                out.unreadable.append(error)
            }
        }
        err.clearProgress()
        return out
    }

    /// `N thing` or `N things`.
    static func count(_ n: Int, _ noun: String) -> String {
        n == 1 ? "1 \(noun)" : "\(n) \(noun)s"
    }
}
