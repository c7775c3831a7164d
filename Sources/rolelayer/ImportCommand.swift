import ArgumentParser
import RoleLayerCore
import RoleLayerIO
import RoleLayerStore

/// `rolelayer import FILE... [--mapping MAP.yaml] [--db PATH] [--instrument FILE] [--strict] [--replace]`:
/// validates response files (canonical, or survey-platform exports through a mapping file) and
/// stores the accepted rows in the SQLite store, in one transaction.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Validate response files and store the accepted rows.",
        discussion: """
            All files are stored in one transaction, keyed by (wave, respondent_id): importing the \
            same data again adds nothing. A record already stored with other values is kept and \
            reported, unless --replace overwrites it (and lists it). --strict stores nothing when \
            any row is rejected. With --mapping the files are survey-platform exports (Qualtrics, \
            LimeSurvey, other CSV; docs/mapping-format.md); rows the mapping's filters leave out are \
            counted per filter and are not errors. Problems go to standard error (file:row:column: \
            value: reason), the summary to standard output. The store is --db, else $ROLELAYER_DB, \
            else ./rolelayer.sqlite. Exit status: 0 every row accepted (or filtered) and stored (or \
            unchanged); 1 a row rejected or not stored, or a file with no data rows; 2 usage error, \
            unreadable input, an unusable instrument or mapping file, or an unusable store.
            """)

    @Argument(help: ArgumentHelp("Response files: canonical CSV (',', ';' or tab) or JSON Lines (.jsonl); with --mapping, survey-platform exports.", valueName: "file"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("The SQLite store (default: $ROLELAYER_DB, else ./rolelayer.sqlite).", valueName: "path"))
    var db: String?

    @OptionGroup var instrumentOptions: InstrumentOptions

    @OptionGroup var mappingOptions: MappingOptions

    @Flag(name: .long, help: "Store nothing when any row is rejected.")
    var strict = false

    @Flag(name: .long, help: "Overwrite stored records whose values changed, and list them.")
    var replace = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one file to import.") }
    }

    func run() async throws {
        try CommandRunner.run { err in try importFiles(err) }
    }

    private func importFiles(_ err: StandardError) throws -> ExitStatus {
        let instrument = try instrumentOptions.load()
        // Mapping problems exit 2 before the store is opened (or created).
        let mappings = try mappingOptions.load(for: files, instrument: instrument)
        let path = StoreLocation.resolve(db)
        let store = try ResponseStore(path: path)
        let readings = InputFiles.read(files, reader: ResponseReader(instrument: instrument), mappings: mappings,
                                       granularity: try store.granularity(), err: err)
        if !readings.unreadable.isEmpty {
            err.line("rolelayer: nothing stored: \(InputFiles.count(readings.unreadable.count, "file")) could not be read")
            return .usage
        }
        let readerRejected = readings.reports.reduce(0) { $0 + $1.rejectedRows }
        if strict && readings.hasErrors {
            err.flush()
            summarise(readings, outcomes: nil)
            print("nothing stored (--strict): \(InputFiles.count(readerRejected, "row")) rejected; store \(path) unchanged")
            return .rejected
        }

        let batches = readings.reports.map { r in
            ImportBatch(sourceFile: r.file, records: r.accepted.map { (response: $0.response, row: $0.row) })
        }
        let outcomes = try store.importBatches(batches, mode: ImportMode(replace: replace, strict: strict)) { done, total in
            err.progress("storing \(done)/\(total) records…")
        }
        err.clearProgress()
        for o in outcomes {
            for rejection in (o.rejected + o.skipped).sorted(by: { $0.row < $1.row }) {
                err.line(rejection.problem(file: o.sourceFile).description)
            }
        }
        err.flush()
        summarise(readings, outcomes: outcomes)
        let committed = outcomes.allSatisfy(\.committed)
        if !committed {
            print("nothing stored (--strict): the store rejected or skipped records; store \(path) unchanged")
        } else {
            let count = try store.count()
            let waves = try store.waves()
            let span = waves.isEmpty ? "no waves" : waves.count == 1 ? "wave \(waves[0])" : "waves \(waves.first!)…\(waves.last!)"
            print("store \(path): \(InputFiles.count(count, "response")), \(span)")
        }
        let storeRefused = outcomes.contains { !$0.rejected.isEmpty || !$0.skipped.isEmpty }
        return readings.hasErrors || storeRefused || !committed ? .rejected : .success
    }

    /// Prints one summary line per file (with mapped files, one more line per filter: the rows
    /// it left out), a total when there are several, and the replaced keys.
    private func summarise(_ readings: InputFiles.Readings, outcomes: [ImportOutcome]?) {
        let reports = readings.reports
        var total = (rows: 0, accepted: 0, filtered: 0, rejected: 0, stored: 0, unchanged: 0, replaced: 0, skipped: 0)
        for (i, r) in reports.enumerated() {
            var rejected = r.rejectedRows
            total.rows += r.rowsRead; total.accepted += r.accepted.count; total.filtered += r.filteredRows
            if let o = outcomes?[i] { rejected += o.rejected.count }
            var line = "\(r.file): " + InputFiles.counts(rows: r.rowsRead, accepted: r.accepted.count, filtered: r.filteredRows,
                                                         rejected: rejected, mapped: readings.mapped)
            if let o = outcomes?[i] {
                line += "; \(o.inserted) stored, \(o.unchanged) unchanged, \(o.replaced.count) replaced"
                if !o.skipped.isEmpty { line += ", \(o.skipped.count) changed but not replaced" }
                total.stored += o.inserted; total.unchanged += o.unchanged
                total.replaced += o.replaced.count; total.skipped += o.skipped.count
            }
            total.rejected += rejected
            print(line)
            for filterLine in InputFiles.filterLines(r, mapping: readings.mappings[i]) { print(filterLine) }
        }
        if reports.count > 1 {
            var line = "total: \(InputFiles.count(reports.count, "file")), " + InputFiles.counts(
                rows: total.rows, accepted: total.accepted, filtered: total.filtered, rejected: total.rejected, mapped: readings.mapped)
            if outcomes != nil {
                line += "; \(total.stored) stored, \(total.unchanged) unchanged, \(total.replaced) replaced"
                if total.skipped > 0 { line += ", \(total.skipped) changed but not replaced" }
            }
            print(line)
        }
        for o in outcomes ?? [] {
            for r in o.replaced { print("replaced \(r.key) (\(o.sourceFile):\(r.row))") }
        }
    }
}
