import ArgumentParser
import RoleLayerCore
import RoleLayerIO

/// `rolelayer validate FILE... [--mapping MAP.yaml] [--instrument FILE]`: checks response files
/// without storing them.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check response files (canonical CSV, JSON Lines, or survey exports with --mapping) without storing anything.",
        discussion: """
            Problems go to standard error, one per line: file:row:column: value: reason. A summary \
            per file goes to standard output; with --mapping it also counts the rows each of the \
            mapping's filters left out. All files share one wave granularity, set by the first \
            valid wave. Exit status: 0 every row accepted or filtered; 1 a row rejected or a file \
            with no data rows; 2 usage error, unreadable input, or an unusable instrument or \
            mapping file.
            """)

    @Argument(help: ArgumentHelp("Response files: canonical CSV (',', ';' or tab) or JSON Lines (.jsonl); with --mapping, survey-platform exports.", valueName: "file"))
    var files: [String]

    @OptionGroup var instrumentOptions: InstrumentOptions

    @OptionGroup var mappingOptions: MappingOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one file to validate.") }
    }

    func run() async throws {
        try CommandRunner.run { err in
            let instrument = try instrumentOptions.load()
            let mappings = try mappingOptions.load(for: files, instrument: instrument)
            let readings = InputFiles.read(files, reader: ResponseReader(instrument: instrument), mappings: mappings, granularity: nil, err: err)
            err.flush()
            var rows = 0, accepted = 0, filtered = 0, rejected = 0, warnings = 0
            for (r, mapping) in zip(readings.reports, readings.mappings) {
                let w = r.problems.count { $0.severity == .warning }
                let counts = InputFiles.counts(rows: r.rowsRead, accepted: r.accepted.count, filtered: r.filteredRows, rejected: r.rejectedRows, mapped: readings.mapped)
                print("\(r.file): \(counts), \(InputFiles.count(w, "warning"))")
                for line in InputFiles.filterLines(r, mapping: mapping) { print(line) }
                rows += r.rowsRead; accepted += r.accepted.count; filtered += r.filteredRows; rejected += r.rejectedRows; warnings += w
            }
            if files.count > 1 {
                let counts = InputFiles.counts(rows: rows, accepted: accepted, filtered: filtered, rejected: rejected, mapped: readings.mapped)
                print("total: \(InputFiles.count(files.count, "file")), \(counts), \(InputFiles.count(warnings, "warning"))")
            }
            if !readings.unreadable.isEmpty { return .usage }
            return readings.hasErrors ? .rejected : .success
        }
    }
}
