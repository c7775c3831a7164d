import RoleLayerCore

/// Reads response files (canonical CSV or JSON Lines) into validated ``Response`` values plus
/// every problem found, following data.md ("Formats", "Validation and import rules",
/// "Validation details").
///
/// Never crashes on bad input and never drops a row silently: each data row is either in
/// ``ReadReport/accepted``, has at least one error in ``ReadReport/problems``, or (mapped
/// survey exports only) is counted in ``ReadReport/filtered`` under the filter that left it out.
///
/// ```swift
/// let report = try ResponseReader().read(path: "wave1.csv")
/// for p in report.problems { print(p) }           // file:row:column: value: reason
/// let responses = report.accepted.map(\.response)
/// ```
///
/// Large files are validated on all cores; the result does not depend on the number of threads.
public struct ResponseReader: Sendable {
    /// The instrument whose codes, labels and aliases the values are checked against.
    public let instrument: Instrument

    /// A reader for responses to `instrument` (the built-in default unless given).
    public init(instrument: Instrument = .default) {
        self.instrument = instrument
    }

    /// Reads the file at `path`; the format is detected (see ``InputFormat/detect(fileName:bytes:)``).
    ///
    /// - Parameters:
    ///   - path: the file; it also names the file in every problem.
    ///   - granularity: the wave granularity the study already uses (for example the store's);
    ///     `nil` takes that of the first valid wave in the file.
    /// - Throws: ``InputError`` when the file cannot be read at all (missing, a directory,
    ///   no permission): the CLI's exit status 2. Problems with the content are in the report.
    public func read(path: String, granularity: Wave.Granularity? = nil) throws(InputError) -> ReadReport {
        let bytes = try FileBytes.read(path: path)
        return read(bytes: bytes, fileName: path, granularity: granularity)
    }

    /// Reads a survey-platform export (Qualtrics, LimeSurvey, or another CSV) through a mapping
    /// file: the mapping names the source columns of the canonical fields, value maps,
    /// multi-select encodings, constants, keys and row filters (docs/mapping-format.md). The
    /// values it produces go through the same validation as canonical CSV.
    ///
    /// Every data row is accepted, rejected (with problems), or left out by a filter and counted
    /// in ``ReadReport/filtered``. Row numbers count the header rows (Qualtrics: the first
    /// response is row 4); problems name the source column. ``ReadReport/format`` is ``InputFormat/csv``.
    ///
    /// - Parameters:
    ///   - path: the export; it also names the file in every problem.
    ///   - mapping: the loaded mapping file (``MappingFile/load(path:)``). Its targets are checked
    ///     against the instrument here too; a mismatch rejects the file at row 0.
    ///   - granularity: see ``read(path:granularity:)``.
    /// - Throws: ``InputError`` when the file cannot be read at all (exit status 2).
    public func read(path: String, mapping: MappingFile, granularity: Wave.Granularity? = nil) throws(InputError) -> ReadReport {
        let bytes = try FileBytes.read(path: path)
        return read(bytes: bytes, fileName: path, mapping: mapping, granularity: granularity)
    }

    /// Reads an export already in memory through a mapping file. See ``read(path:mapping:granularity:)``.
    public func read(bytes: [UInt8], fileName: String, mapping: MappingFile,
                     granularity: Wave.Granularity? = nil) -> ReadReport {
        MappedCSVReader(instrument: instrument, mapping: mapping, file: fileName).read(bytes, granularity: granularity)
    }

    /// Reads a file's content already in memory.
    ///
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - fileName: the name used in problems and for format detection by extension.
    ///   - format: the format, or `nil` to detect it.
    ///   - granularity: see ``read(path:granularity:)``.
    public func read(bytes: [UInt8], fileName: String, format: InputFormat? = nil,
                     granularity: Wave.Granularity? = nil) -> ReadReport {
        switch format ?? InputFormat.detect(fileName: fileName, bytes: bytes) {
        case .csv: CanonicalCSVReader(instrument: instrument, file: fileName).read(bytes, granularity: granularity)
        case .jsonLines: JSONLinesReader(instrument: instrument, file: fileName).read(bytes, granularity: granularity)
        }
    }
}
