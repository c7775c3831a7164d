import RoleLayerCore
import RoleLayerIO

/// Reading the files named on the command line, shared by `validate`, `import` and the analysis
/// commands.
enum InputFiles {
    /// What reading the command's files gave.
    struct Readings {
        /// One report per readable file, in command-line order.
        var reports: [ReadReport] = []
        /// The files that could not be read at all.
        var unreadable: [InputError] = []
        /// The wave granularity the files were checked against.
        var granularity: Wave.Granularity?
        /// The mapping each report was read through (`nil`: canonical), parallel to ``reports``.
        var mappings: [MappingFile?] = []

        /// Whether any file was read through a mapping file (the summaries then count filtered rows).
        var mapped: Bool { mappings.contains { $0 != nil } }

        /// Whether any readable file had an error (a rejected row, a rejected file, no data rows).
        var hasErrors: Bool { reports.contains { $0.hasErrors || $0.rowsRead == 0 } }
    }

    /// Reads each path in turn and prints its problems (errors and warnings) to standard error,
    /// one per line as `file:row:column: value: reason`, and each unreadable file as
    /// `rolelayer: cannot read PATH: REASON`.
    ///
    /// One study uses one granularity: `granularity` (the store's) if given, else that of the first
    /// valid wave read; every later file is checked against it.
    ///
    /// - Parameter mapping: a mapping file (loaded and checked against the reader's instrument,
    ///   see ``MappingOptions``) through which every file is read as a survey-platform export;
    ///   `nil` reads canonical CSV or JSON Lines.
    static func read(_ paths: [String], reader: ResponseReader, mapping: MappingFile? = nil,
                     granularity: Wave.Granularity?, err: StandardError) -> Readings {
        read(paths, reader: reader, mappings: Array(repeating: mapping, count: paths.count), granularity: granularity, err: err)
    }

    /// As ``read(_:reader:mapping:granularity:err:)``, with one mapping per path (`mappings[i]`
    /// for `paths[i]`, `nil` = canonical), as ``MappingOptions/load(for:instrument:)`` returns them.
    static func read(_ paths: [String], reader: ResponseReader, mappings: [MappingFile?],
                     granularity: Wave.Granularity?, err: StandardError) -> Readings {
        precondition(mappings.count == paths.count, "one mapping entry per path")
        var out = Readings(granularity: granularity)
        for (i, path) in paths.enumerated() {
            err.progress("reading \(path) (\(i + 1)/\(paths.count))…")
            do {
                let report = if let mapping = mappings[i] {
                    try reader.read(path: path, mapping: mapping, granularity: out.granularity)
                } else {
                    try reader.read(path: path, granularity: out.granularity)
                }
                for problem in report.problems { err.line(problem.description) }
                if report.rowsRead == 0 && !report.hasErrors {
                    err.line(ImportProblem(file: path, row: 1, reason: "no data rows").description)
                }
                if out.granularity == nil { out.granularity = report.granularity }
                out.reports.append(report)
                out.mappings.append(mappings[i])
            } catch {
                err.line("rolelayer: " + CLIError(error).message)
                out.unreadable.append(error)
            }
        }
        err.clearProgress()
        return out
    }

    /// The counts of one file's summary line: `N rows read, A accepted, R rejected`, with
    /// `F filtered` before `rejected` when `mapped`. `rejected` may add the store's rejections.
    static func counts(rows: Int, accepted: Int, filtered: Int, rejected: Int, mapped: Bool) -> String {
        "\(count(rows, "row")) read, \(accepted) accepted, " + (mapped ? "\(filtered) filtered, " : "") + "\(rejected) rejected"
    }

    /// One indented line per filter of `mapping`, in ``MappingFile/filterNames`` order (the order
    /// they are tried), with the rows it left out of `report`: `  filtered by "NAME": N`.
    static func filterLines(_ report: ReadReport, mapping: MappingFile?) -> [String] {
        guard let mapping else { return [] }
        return mapping.filterNames.map { "  filtered by \"\($0)\": \(report.filtered[$0] ?? 0)" }
    }

    /// `N thing` or `N things`.
    static func count(_ n: Int, _ noun: String) -> String {
        n == 1 ? "1 \(noun)" : "\(n) \(noun)s"
    }
}
