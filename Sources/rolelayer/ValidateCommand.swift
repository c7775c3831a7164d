import ArgumentParser
import RoleLayerCore
import RoleLayerIO

/// `rolelayer validate FILE... [--instrument FILE]`: checks response files without storing them.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check response files (canonical CSV or JSON Lines) without storing anything.",
        discussion: """
            Problems go to standard error, one per line: file:row:column: value: reason. A summary \
            per file goes to standard output. All files share one wave granularity, set by the first \
            valid wave. Exit status: 0 every row accepted; 1 a row rejected or a file with no data \
            rows; 2 usage error or unreadable input.
            """)

    @Argument(help: ArgumentHelp("Response files: canonical CSV (',', ';' or tab) or JSON Lines (.jsonl).", valueName: "file"))
    var files: [String]

    @OptionGroup var instrumentOptions: InstrumentOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one file to validate.") }
    }

    func run() async throws {
        try CommandRunner.run { err in
            let reader = ResponseReader(instrument: try instrumentOptions.load())
            let readings = InputFiles.read(files, reader: reader, granularity: nil, err: err)
            err.flush()
            var rows = 0, accepted = 0, rejected = 0, warnings = 0
            for r in readings.reports {
                let w = r.problems.count { $0.severity == .warning }
                print("\(r.file): \(InputFiles.count(r.rowsRead, "row")) read, \(r.accepted.count) accepted, \(r.rejectedRows) rejected, \(InputFiles.count(w, "warning"))")
                rows += r.rowsRead; accepted += r.accepted.count; rejected += r.rejectedRows; warnings += w
            }
            if files.count > 1 {
                print("total: \(InputFiles.count(files.count, "file")), \(InputFiles.count(rows, "row")) read, \(accepted) accepted, \(rejected) rejected, \(InputFiles.count(warnings, "warning"))")
            }
            if !readings.unreadable.isEmpty { return .usage }
            return readings.hasErrors ? .rejected : .success
        }
    }
}
