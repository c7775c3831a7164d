import ArgumentParser
import RoleLayerCore
import RoleLayerIO

/// The `--mapping FILE` option shared by every command that reads response files (`validate`,
/// `import`, and the analysis commands when they are given files): a mapping file
/// (docs/mapping-format.md) that turns a survey platform's export (Qualtrics, LimeSurvey, or any
/// CSV) into canonical records.
///
/// Given once, the mapping applies to every file; given once per file, the mappings pair with the
/// files in command-line order (`import a.csv b.csv --mapping a.yaml --mapping b.yaml`). Without it
/// the files are canonical CSV or JSON Lines.
struct MappingOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A mapping file (YAML) for survey-platform exports (Qualtrics, LimeSurvey, other CSV); once for all files, or once per file in file order.",
        valueName: "file"))
    var mapping: [String] = []

    /// The mapping of each of `files` (`nil` entries: the file is canonical), loaded and checked
    /// against `instrument` before any response file is read.
    ///
    /// - Returns: one entry per file; all `nil` when no `--mapping` was given.
    /// - Throws: ``CLIError`` with exit status 2 when mappings are given without files (the analysis
    ///   commands then read the store), when the number of mappings is neither 1 nor the number of files, when a mapping file cannot be read, when it has YAML or mapping problems
    ///   (every problem listed as `file:line:column: message`), or when a value it produces is not
    ///   a code, label or range of `instrument` (``MappingFile/check(against:)``, with the line).
    func load(for files: [String], instrument: Instrument) throws -> [MappingFile?] {
        if mapping.isEmpty { return Array(repeating: nil, count: files.count) }
        if files.isEmpty {
            throw CLIError(message: "--mapping reads the files named on the command line; the store already holds canonical records (name the files, or leave out --mapping)", status: .usage)
        }
        guard mapping.count == 1 || mapping.count == files.count else {
            throw CLIError(
                message: "--mapping given \(InputFiles.count(mapping.count, "time")) for \(InputFiles.count(files.count, "file")): give it once for all files, or once per file in file order",
                status: .usage)
        }
        var loaded: [String: MappingFile] = [:]
        for path in mapping where loaded[path] == nil {
            loaded[path] = try Self.load(path: path, instrument: instrument)
        }
        return files.indices.map { i in loaded[mapping.count == 1 ? mapping[0] : mapping[i]] }
    }

    /// Loads one mapping file and checks it against `instrument`. See ``load(for:instrument:)``.
    static func load(path: String, instrument: Instrument) throws -> MappingFile {
        let mapping: MappingFile
        do {
            mapping = try MappingFile.load(path: path)
        } catch let e as YAMLFileError {
            throw CLIError(message: "cannot use mapping file \(path):\n" + e.description, status: .usage)
        }
        do {
            try mapping.check(against: instrument)
        } catch {
            throw CLIError(message: "mapping file \(path) does not fit the instrument:\n" + error.description, status: .usage)
        }
        return mapping
    }
}
