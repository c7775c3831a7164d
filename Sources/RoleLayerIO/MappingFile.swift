import Foundation
import RoleLayerCore
import Yams

/// A mapping file (YAML, format: docs/mapping-format.md): how a survey platform's export
/// (Qualtrics CSV, LimeSurvey CSV, or any CSV with one header row) becomes canonical response
/// records (data.md, "Survey-platform exports").
///
/// It names the export ``Format``, the respondent key, the organisation key (or `none`: each
/// respondent is their own cluster and ``RoleLayerCore/Response/organisationID`` is `nil`),
/// which source column feeds which canonical field, value maps from source labels to codes,
/// multi-select encodings (one delimited column, or one column per choice with a selected
/// marker), constants (for example `wave: 2024`), named row filters, and the time zone that
/// places a response date into a wave.
///
/// ```swift
/// let mapping = try MappingFile.load(path: "examples/stackoverflow/mapping-2024.yaml")
/// try mapping.check(against: instrument)
/// let report = try ResponseReader(instrument: instrument).read(path: "so2024.csv", mapping: mapping)
/// ```
///
/// Every problem in the file is reported with its line (``YAMLFileError``).
public struct MappingFile: Sendable, Hashable {
    /// The export layout.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// Qualtrics CSV: three header rows (column ids, question text, import-id JSON); the
        /// first response is row 4.
        case qualtrics
        /// LimeSurvey CSV: one header row of question codes, multi-select as `CODE[SQ001]`
        /// columns; responses with an empty `submitdate` are left out by default.
        case limesurvey
        /// Any CSV with one header row (for example the Stack Overflow survey files).
        case csv
    }

    /// The file name as given (used in messages).
    public var fileName: String
    /// The export layout.
    public var format: Format
    /// The names of the row filters in the order they are tried, the built-in LimeSurvey filter
    /// for incomplete responses (``incompleteFilterName``) first when it applies. A row is counted
    /// under the first filter it matches (``ReadReport/filtered``).
    public var filterNames: [String] {
        (format == .limesurvey && !includeIncomplete ? [Self.incompleteFilterName] : []) + filters.map(\.name)
    }

    /// The name of LimeSurvey's built-in filter: responses whose `submitdate` is empty.
    public static let incompleteFilterName = "incomplete (empty submitdate)"

    // MARK: - Model (internal)

    /// A source column as the mapping names it: a header name (row 1) or, in Qualtrics, an
    /// import id (`QID5`, `QID5_3`, `recordedDate`).
    struct ColumnReference: Sendable, Hashable {
        var name: String
        var line: Int?
    }

    /// Source label → target value (`nil` target: not answered, or dropped from a multi-select).
    struct ValueMap: Sendable, Hashable {
        struct Entry: Sendable, Hashable {
            var label: String
            var target: String?
            var line: Int?
        }
        var entries: [Entry] = []
        /// Exact label → entry index.
        var exact: [String: Int] = [:]
        /// Normalised label (``MappingFile/normaliseLabel(_:)``) → entry index.
        var normalised: [String: Int] = [:]

        /// The entry a source value names, exactly or after normalising.
        func entry(for text: String) -> Entry? {
            if let i = exact[text] { return entries[i] }
            if let i = normalised[MappingFile.normaliseLabel(text)] { return entries[i] }
            return nil
        }
    }

    /// What an empty multi-select cell (or a set of split columns with nothing selected) means.
    enum EmptyMeaning: String, Sendable, Hashable {
        case noneSelected = "none_selected"
        case notAnswered = "not_answered"
    }

    /// The values of a split column that mark a choice as selected.
    enum SelectedMarker: Sendable, Hashable {
        /// Any non-empty value that is not a not-selected marker (Qualtrics split columns hold the label).
        case any
        /// One of these values (trimmed, any case).
        case values([String])
    }

    /// One column of a split multi-select.
    struct SplitColumn: Sendable, Hashable {
        var column: ColumnReference
        /// The target code, or `nil` to drop the choice.
        var target: String?
    }

    /// Where a field's value comes from.
    enum Source: Sendable, Hashable {
        /// One column, taken as written or through ``FieldMapping/values``.
        case column(ColumnReference)
        /// A multi-select in one column, items separated by `separator`; `choices` (or the value
        /// map's labels) resolve labels that contain the separator and bare digit strings.
        case delimited(ColumnReference, separator: String, choices: [String]?, empty: EmptyMeaning)
        /// A multi-select as one column per choice.
        case split([SplitColumn], selected: SelectedMarker, notSelected: [String], empty: EmptyMeaning)
        /// A multi-select as one column per choice, found by the question code: LimeSurvey
        /// `CODE[SQ001]`, Qualtrics `Q5_1` or import id `QID5_1`; the sub-code is looked up in the values.
        case question(ColumnReference, selected: SelectedMarker, notSelected: [String], empty: EmptyMeaning)
        /// A response date placed into a wave of `granularity` in the time zone `timeZone`;
        /// dates without an offset are read in `sourceTimeZone` (else the Qualtrics header's, else `timeZone`).
        case date(ColumnReference, granularity: Wave.Granularity, timeZone: String, sourceTimeZone: String?)
    }

    /// One canonical field and where its value comes from.
    struct FieldMapping: Sendable, Hashable {
        var field: RecordValidator.Field
        var source: Source
        var values: ValueMap?
        var line: Int?
    }

    /// A constant value for a canonical field.
    struct Constant: Sendable, Hashable {
        var field: RecordValidator.Field
        var value: String
        var line: Int?
    }

    /// A named row filter: a row whose `column` matches `condition` is left out and counted.
    struct RowFilter: Sendable, Hashable {
        enum Condition: Sendable, Hashable {
            /// The cell (normalised) is one of these.
            case oneOf([String])
            /// The cell (normalised) is none of these (an empty cell included).
            case noneOf([String])
            /// The cell is empty, a missing-value token, or one of the mapping's missing values.
            case missing
        }
        var name: String
        var column: ColumnReference
        var condition: Condition
        var line: Int?
    }

    var respondent: ColumnReference
    /// `nil` with no organisation constant: `organisation: none`.
    var organisation: ColumnReference?
    var constants: [Constant]
    var fields: [FieldMapping]
    var filters: [RowFilter]
    /// Cell values that mean "not answered" in every mapped column (besides an empty cell).
    var missingValues: [String]
    /// LimeSurvey: keep responses with an empty `submitdate`.
    var includeIncomplete: Bool
    /// Line of the `organisation` key (or of the constant), for messages.
    var organisationLine: Int?

    /// True when the data has no organisation key (each respondent is their own cluster).
    var withoutOrganisations: Bool {
        organisation == nil && !constants.contains { $0.field == .organisationID }
    }

    // MARK: - Loading

    /// Loads the mapping file at `path`.
    ///
    /// - Throws: ``InputError`` when the file cannot be read (missing, a directory, permission);
    ///   ``YAMLFileError`` for YAML syntax and every problem of the mapping, each with its line
    ///   (unknown key, unknown field, a required field not mapped, a bad separator, time zone or filter).
    public static func load(path: String) throws -> MappingFile {
        let bytes = try FileBytes.read(path: path)
        return try load(bytes: bytes, fileName: path)
    }

    /// Loads a mapping file already in memory; `fileName` names it in errors. See ``load(path:)``.
    public static func load(bytes: [UInt8], fileName: String) throws(YAMLFileError) -> MappingFile {
        let root: Node
        do {
            root = try YAMLFile.compose(bytes: bytes, fileName: fileName)
        } catch {
            throw YAMLFileError(path: fileName, problems: error.problems.map { placeDuplicateKey($0, in: bytes) })
        }
        var parser = MappingParser(fileName: fileName)
        let mapping = parser.parse(root)
        if !parser.problems.isEmpty || mapping == nil {
            throw YAMLFileError(path: fileName, problems: parser.problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
        }
        return mapping!
    }

    /// libyaml reports a key given twice at the start of the mapping that holds it; point at the
    /// second occurrence instead (the next line at the same indentation that gives the key), when
    /// the mapping is written one key per line.
    static func placeDuplicateKey(_ p: YAMLFileError.Problem, in bytes: [UInt8]) -> YAMLFileError.Problem {
        let prefix = "key given twice in one mapping: "
        guard p.message.hasPrefix(prefix), let start = p.line, let text = String(validating: bytes, as: UTF8.self) else { return p }
        let key = String(p.message.dropFirst(prefix.count))
        guard !key.contains(", ") else { return p }
        var seen: [Int: Int] = [:]  // indentation → first line
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where i + 1 >= start {
            var line = Substring(raw)
            var indent = 0
            while line.first == " " { line = line.dropFirst(); indent += 1 }
            if line.hasPrefix("- ") { line = line.dropFirst(2); indent += 2 }
            for spelled in [key, "\"\(key)\"", "'\(key)'"] where line.hasPrefix(spelled) {
                let rest = line.dropFirst(spelled.count).drop { $0 == " " }
                guard rest.first == ":" else { continue }
                if seen[indent] != nil {
                    return .init(line: i + 1, column: indent + 1, message: p.message)
                }
                seen[indent] = i + 1
            }
        }
        return p
    }

    /// Checks every value the mapping produces against `instrument`: value-map targets and
    /// constants of coded fields must name a code, label or alias of the instrument (roles,
    /// stages, blockers, priorities, directions, owners); numbers must lie in their range
    /// (stage 0...6, confidence and preparedness 1...7, direction -2...2); a wave constant must
    /// be a wave. Source labels that no value map covers are checked per row when read.
    ///
    /// - Throws: ``YAMLFileError`` naming the line of each bad target.
    public func check(against instrument: Instrument) throws(YAMLFileError) {
        let problems = targetProblems(instrument)
        if !problems.isEmpty { throw YAMLFileError(path: fileName, problems: problems) }
    }

    /// The problems ``check(against:)`` reports.
    func targetProblems(_ instrument: Instrument) -> [YAMLFileError.Problem] {
        var out: [YAMLFileError.Problem] = []
        func check(_ field: RecordValidator.Field, _ value: String, line: Int?, place: String) {
            if let reason = Self.targetProblem(field, value, instrument) {
                out.append(.init(line: line, message: "\(place): '\(value)' \(reason)"))
            }
        }
        for c in constants { check(c.field, c.value, line: c.line, place: "constants.\(c.field.name)") }
        for f in fields {
            if case .date = f.source { continue }
            for e in f.values?.entries ?? [] {
                if let t = e.target { check(f.field, t, line: e.line, place: "fields.\(f.field.name).values") }
            }
            if case .split(let columns, _, _, _) = f.source {
                for c in columns {
                    if let t = c.target { check(f.field, t, line: c.column.line, place: "fields.\(f.field.name).columns") }
                }
            }
        }
        return out.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    /// Why `value` cannot be a value of `field` under `instrument`, or `nil` when it can.
    static func targetProblem(_ field: RecordValidator.Field, _ value: String, _ instrument: Instrument) -> String? {
        switch field {
        case .role, .influences, .signoff:
            return instrument.role(named: value) == nil ? "is not a role code, label or alias of the instrument" : nil
        case .blockers, .primaryBlocker:
            return instrument.blocker(named: value) == nil ? "is not a blocker code, label or alias of the instrument" : nil
        case .priorities:
            return instrument.priority(named: value) == nil ? "is not a priority code, label or alias of the instrument" : nil
        case .ownership:
            return instrument.ownership(named: value) == nil ? "is not a role, shared or unclear" : nil
        case .stage, .orgStage:
            if case .integer(let v) = IntegerForm(value) { return Stage(v) == nil ? "is out of range (0...6)" : nil }
            return instrument.stage(named: value) == nil ? "is not 0...6 or a stage code of the instrument" : nil
        case .direction:
            if case .integer(let v) = IntegerForm(value) { return Direction(v) == nil ? "is out of range (-2...2)" : nil }
            return instrument.direction(named: value) == nil ? "is not -2...2 or a direction code of the instrument" : nil
        case .confidence, .preparedness:
            if case .integer(let v) = IntegerForm(value), (1...7).contains(v) { return nil }
            return "is not a whole number 1...7"
        case .wave:
            return Wave(parsing: value) == nil ? "is not a wave (2026-Q1, 2026-03 or 2026)" : nil
        case .weight:
            if let v = parseDecimal(value), v.isFinite, v > 0 { return nil }
            return "is not a number > 0"
        case .respondentID, .organisationID, .sector, .sizeBand, .region, .comment:
            return nil
        }
    }

    /// How source labels are compared (value-map keys, choice lists, filter values): data.md's
    /// normalising (``RoleLayerCore/CodeList/normalise(_:)``: trim, lower-case, collapse white
    /// space, spaces and hyphens as `_`) after folding typographic apostrophes (`’` `‘`) to `'`,
    /// so `Don’t  trust` in an export matches `Don't trust` in a mapping.
    static func normaliseLabel(_ text: String) -> String {
        if text.unicodeScalars.contains(where: { $0 == "\u{2019}" || $0 == "\u{2018}" }) {
            return CodeList.normalise(String(text.map { $0 == "\u{2019}" || $0 == "\u{2018}" ? "'" : $0 }))
        }
        return CodeList.normalise(text)
    }
}

// MARK: - Parsing the YAML tree

/// Walks the composed YAML tree of a mapping file, collecting every problem with its line.
private struct MappingParser {
    typealias Problem = YAMLFileError.Problem
    typealias Field = RecordValidator.Field

    let fileName: String
    var problems: [Problem] = []

    init(fileName: String) { self.fileName = fileName }

    static let topKeys = ["format", "respondent", "organisation", "constants", "fields", "filters",
                          "missing_values", "include_incomplete"]
    static let listFields: Set<Field> = [.blockers, .influences, .signoff, .priorities]

    mutating func problem(_ node: Node?, _ message: String) {
        problems.append(Problem(line: node?.mark?.line, column: node?.mark?.column, message: message))
    }

    /// A plain `null`, `~` or empty scalar.
    static func isNull(_ node: Node) -> Bool {
        guard let s = node.scalar, s.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    /// A scalar's text (numbers and booleans as written), or a problem.
    mutating func text(_ node: Node, _ place: String) -> String? {
        guard let s = node.scalar else {
            problem(node, "\(place): expected a single value")
            return nil
        }
        return s.string
    }

    /// A non-empty scalar text.
    mutating func nonEmptyText(_ node: Node, _ place: String) -> String? {
        guard let t = text(node, place) else { return nil }
        if t.trimmingASCIIWhitespace().isEmpty || Self.isNull(node) {
            problem(node, "\(place): must not be empty")
            return nil
        }
        return t
    }

    mutating func textList(_ node: Node, _ place: String) -> [String]? {
        if node.scalar != nil, let t = text(node, place) { return [t] }
        guard let seq = node.sequence else {
            problem(node, "\(place): expected a list")
            return nil
        }
        var out: [String] = []
        for (i, item) in seq.enumerated() {
            if let t = text(item, "\(place)[\(i)]") { out.append(t) }
        }
        return out
    }

    mutating func mapping(_ node: Node, _ place: String) -> Node.Mapping? {
        guard let m = node.mapping else {
            problem(node, place.isEmpty ? "the file must hold a mapping of keys such as format, respondent and fields"
                                        : "\(place): expected a mapping")
            return nil
        }
        return m
    }

    mutating func unknownKeys(_ m: Node.Mapping, allowed: [String], place: String) {
        for (k, _) in m {
            guard let name = k.string else { continue }
            if !allowed.contains(name) {
                let sub = place.isEmpty ? name : "\(place).\(name)"
                problem(k, "\(sub): unknown key (expected one of \(allowed.joined(separator: ", ")))")
            }
        }
    }

    /// The value under `key`.
    func child(_ m: Node.Mapping, _ key: String) -> Node? {
        for (k, v) in m where k.string == key { return v }
        return nil
    }

    /// The key node `key` (for its line).
    func keyNode(_ m: Node.Mapping, _ key: String) -> Node? {
        for (k, _) in m where k.string == key { return k }
        return nil
    }

    mutating func column(_ node: Node, _ place: String) -> MappingFile.ColumnReference? {
        guard let t = nonEmptyText(node, place) else { return nil }
        return .init(name: t.trimmingASCIIWhitespace(), line: node.mark?.line)
    }

    // MARK: Top level

    mutating func parse(_ root: Node) -> MappingFile? {
        guard let top = mapping(root, "") else { return nil }
        unknownKeys(top, allowed: Self.topKeys, place: "")

        var format: MappingFile.Format?
        if let v = child(top, "format") {
            if let t = nonEmptyText(v, "format") {
                format = MappingFile.Format(rawValue: t.lowercased())
                if format == nil { problem(v, "format: '\(t)' is not qualtrics, limesurvey or csv") }
            }
        } else {
            problem(root, "format: missing key (qualtrics, limesurvey or csv)")
        }

        var respondent: MappingFile.ColumnReference?
        if let v = child(top, "respondent") {
            respondent = column(v, "respondent")
        } else {
            problem(root, "respondent: missing key (the column holding the respondent key)")
        }

        var missingValues: [String] = []
        if let v = child(top, "missing_values") {
            missingValues = (textList(v, "missing_values") ?? []).map { $0.trimmingASCIIWhitespace() }
        }

        var includeIncomplete = false
        if let v = child(top, "include_incomplete") {
            if let b = v.scalar.flatMap({ Bool.construct(from: $0) }) {
                includeIncomplete = b
                if format != nil && format != .limesurvey {
                    problem(v, "include_incomplete: applies to LimeSurvey exports only")
                }
            } else {
                problem(v, "include_incomplete: expected true or false")
            }
        }

        var constants: [MappingFile.Constant] = []
        if let v = child(top, "constants"), !Self.isNull(v), let m = mapping(v, "constants") {
            for (k, cv) in m {
                guard let name = k.string else { continue }
                guard let field = Field.byName[name] else {
                    problem(k, "constants.\(name): not a canonical field (\(Self.fieldList))")
                    continue
                }
                if field == .respondentID {
                    problem(k, "constants.\(name): the respondent key cannot be a constant")
                    continue
                }
                if Self.listFields.contains(field) {
                    problem(k, "constants.\(name): a multi-select field cannot be a constant")
                    continue
                }
                guard let t = nonEmptyText(cv, "constants.\(name)") else { continue }
                constants.append(.init(field: field, value: t, line: k.mark?.line))
            }
        }

        var organisation: MappingFile.ColumnReference?
        var organisationLine: Int?
        let organisationConstant = constants.first { $0.field == .organisationID }
        if let k = keyNode(top, "organisation"), let v = child(top, "organisation") {
            organisationLine = k.mark?.line
            if let t = nonEmptyText(v, "organisation") {
                if t.trimmingASCIIWhitespace().lowercased() != "none" {
                    organisation = .init(name: t.trimmingASCIIWhitespace(), line: v.mark?.line)
                }
                if let c = organisationConstant {
                    problems.append(Problem(line: c.line, message: "constants.organisation_id: the organisation is already given by the organisation key (line \(organisationLine ?? 0))"))
                }
            }
        } else if let c = organisationConstant {
            organisationLine = c.line
        } else {
            problem(root, "organisation: missing key (a column, or none when each respondent is their own cluster, or constants.organisation_id)")
        }

        var fields: [MappingFile.FieldMapping] = []
        if let v = child(top, "fields"), let m = mapping(v, "fields") {
            for (k, fv) in m {
                guard let name = k.string else { continue }
                guard let field = Field.byName[name] else {
                    problem(k, "fields.\(name): not a canonical field (\(Self.fieldList))")
                    continue
                }
                if field == .respondentID || field == .organisationID {
                    problem(k, "fields.\(name): give the \(field == .respondentID ? "respondent" : "organisation") key at the top level (respondent: / organisation:)")
                    continue
                }
                if let c = constants.first(where: { $0.field == field }) {
                    problem(k, "fields.\(name): also given as a constant (line \(c.line ?? 0))")
                    continue
                }
                if let f = fieldMapping(field, fv, format: format ?? .csv, line: k.mark?.line) { fields.append(f) }
            }
        } else if child(top, "fields") == nil {
            problem(root, "fields: missing key (which source column feeds which canonical field)")
        }
        // Fields named under `fields` count as given even when their entry has a problem of its own.
        var given = Set(fields.map(\.field)).union(constants.map(\.field))
        if let v = child(top, "fields"), let m = v.mapping {
            for (k, _) in m { if let f = k.string.flatMap({ Field.byName[$0] }) { given.insert(f) } }
        }
        if child(top, "fields") != nil || !constants.isEmpty {
            for required in [Field.wave, .role, .stage] where !given.contains(required) {
                problem(keyNode(top, "fields") ?? root,
                        "fields.\(required.name): required field not mapped (give a column, or a constant)")
            }
        }

        var filters: [MappingFile.RowFilter] = []
        if let v = child(top, "filters"), !Self.isNull(v) {
            if let seq = v.sequence {
                var names: [String: Int] = [:]
                for (i, item) in seq.enumerated() {
                    if let f = filter(item, index: i) {
                        if let first = names[f.name] {
                            problem(item, "filters[\(i)].name: '\(f.name)' is already the name of filters[\(first)]")
                        } else if f.name == MappingFile.incompleteFilterName {
                            problem(item, "filters[\(i)].name: '\(f.name)' is reserved for LimeSurvey's built-in filter")
                        } else {
                            names[f.name] = i
                            filters.append(f)
                        }
                    }
                }
            } else {
                problem(v, "filters: expected a list of filters (each with name, column and a condition)")
            }
        }

        guard problems.isEmpty, let format, let respondent else { return nil }
        return MappingFile(fileName: fileName, format: format, respondent: respondent, organisation: organisation,
                           constants: constants, fields: fields, filters: filters, missingValues: missingValues,
                           includeIncomplete: includeIncomplete, organisationLine: organisationLine)
    }

    static let fieldList = Response.fieldNames.filter { $0 != "respondent_id" && $0 != "organisation_id" }.joined(separator: ", ")

    // MARK: Fields

    mutating func fieldMapping(_ field: Field, _ node: Node, format: MappingFile.Format, line: Int?) -> MappingFile.FieldMapping? {
        let place = "fields.\(field.name)"
        if node.scalar != nil {
            guard let c = column(node, place) else { return nil }
            return .init(field: field, source: .column(c), values: nil, line: line)
        }
        guard let m = mapping(node, place) else { return nil }
        let isList = Self.listFields.contains(field)
        var allowed = ["column", "values"]
        if isList { allowed += ["separator", "choices", "empty", "columns", "question", "selected", "not_selected"] }
        if field == .wave { allowed += ["date", "time_zone", "source_time_zone"] }
        unknownKeys(m, allowed: allowed, place: place)

        var values: MappingFile.ValueMap?
        if let v = child(m, "values") { values = valueMap(v, place: "\(place).values") }

        let columnNode = child(m, "column")
        let columnsNode = isList ? child(m, "columns") : nil
        let questionNode = isList ? child(m, "question") : nil
        let sourceCount = [columnNode, columnsNode, questionNode].compactMap { $0 }.count
        if sourceCount == 0 {
            problem(node, isList ? "\(place): give one of column, columns or question" : "\(place): missing key 'column'")
            return nil
        }
        if sourceCount > 1 {
            problem(node, "\(place): give only one of column, columns or question")
            return nil
        }

        // As in canonical CSV: an empty set cell is "none selected", an empty priorities cell "not answered".
        var empty = field == .priorities ? MappingFile.EmptyMeaning.notAnswered : .noneSelected
        if let v = child(m, "empty"), let t = text(v, "\(place).empty") {
            if let e = MappingFile.EmptyMeaning(rawValue: t) { empty = e } else {
                problem(v, "\(place).empty: '\(t)' is not none_selected or not_answered")
            }
        }

        if field == .wave, let dv = child(m, "date") {
            guard let c = columnNode.flatMap({ column($0, "\(place).column") }) else {
                if columnNode == nil { problem(node, "\(place): a date needs a column") }
                return nil
            }
            var granularity: Wave.Granularity?
            if let t = text(dv, "\(place).date") {
                granularity = Wave.Granularity(rawValue: t.lowercased())
                if granularity == nil { problem(dv, "\(place).date: '\(t)' is not year, quarter or month") }
            }
            var zone = "UTC"
            if let zv = child(m, "time_zone") {
                if let t = nonEmptyText(zv, "\(place).time_zone") {
                    if ResponseDate.timeZone(t) == nil {
                        problem(zv, "\(place).time_zone: '\(t)' is not a time zone (use an IANA name such as Europe/London, or UTC)")
                    }
                    zone = t
                }
            } else {
                problem(node, "\(place).time_zone: missing key (the time zone that places a date into a wave, for example Europe/London)")
            }
            var sourceZone: String?
            if let zv = child(m, "source_time_zone"), let t = nonEmptyText(zv, "\(place).source_time_zone") {
                if ResponseDate.timeZone(t) == nil {
                    problem(zv, "\(place).source_time_zone: '\(t)' is not a time zone (use an IANA name such as America/Denver, or UTC)")
                }
                sourceZone = t
            }
            if values != nil { problem(keyNode(m, "values"), "\(place).values: a date column takes no value map") }
            guard let granularity else { return nil }
            return .init(field: field, source: .date(c, granularity: granularity, timeZone: zone, sourceTimeZone: sourceZone),
                         values: nil, line: line)
        } else if field == .wave {
            for key in ["time_zone", "source_time_zone"] {
                if let k = keyNode(m, key) { problem(k, "\(place).\(key): applies only with date: (a wave read from a date column)") }
            }
        }

        var selected = MappingFile.SelectedMarker.values(format == .limesurvey ? ["Y"] : format == .qualtrics ? [] : ["Y", "1"])
        if format == .qualtrics { selected = .any }
        var notSelected = ["N", "0"]
        if isList {
            if let v = child(m, "selected") {
                if v.scalar?.string == "any" {
                    selected = .any
                } else if let list = textList(v, "\(place).selected") {
                    selected = .values(list.map { $0.trimmingASCIIWhitespace() })
                }
            }
            if let v = child(m, "not_selected"), let list = textList(v, "\(place).not_selected") {
                notSelected = list.map { $0.trimmingASCIIWhitespace() }
            }
        }

        if let v = columnNode {
            guard let c = column(v, "\(place).column") else { return nil }
            if isList {
                var separator = format == .qualtrics ? "," : ";"
                if let sv = child(m, "separator"), let t = text(sv, "\(place).separator") {
                    if t.isEmpty || t.contains("\"") || t.contains("\n") || t.contains("\r") {
                        problem(sv, "\(place).separator: must be one or more characters, not a quote or a line break")
                    } else {
                        separator = t
                    }
                }
                var choices: [String]?
                if let cv = child(m, "choices") { choices = textList(cv, "\(place).choices") }
                for key in ["selected", "not_selected"] {
                    if let k = keyNode(m, key) { problem(k, "\(place).\(key): applies to split columns (columns or question), not to one delimited column") }
                }
                return .init(field: field, source: .delimited(c, separator: separator, choices: choices, empty: empty),
                             values: values, line: line)
            }
            return .init(field: field, source: .column(c), values: values, line: line)
        }
        for key in ["separator", "choices"] {
            if let k = keyNode(m, key) { problem(k, "\(place).\(key): applies to one delimited column (column), not to split columns") }
        }
        if let v = columnsNode {
            guard let seq = v.sequence else {
                problem(v, "\(place).columns: expected a list of {column, value}")
                return nil
            }
            var out: [MappingFile.SplitColumn] = []
            for (i, item) in seq.enumerated() {
                let ip = "\(place).columns[\(i)]"
                guard let im = mapping(item, ip) else { continue }
                unknownKeys(im, allowed: ["column", "value"], place: ip)
                guard let cv = child(im, "column") else {
                    problem(item, "\(ip): missing key 'column'")
                    continue
                }
                guard let c = column(cv, "\(ip).column") else { continue }
                guard let vv = child(im, "value") else {
                    problem(item, "\(ip): missing key 'value' (the code this column stands for, or null to drop it)")
                    continue
                }
                let target: String? = Self.isNull(vv) ? nil : text(vv, "\(ip).value")
                out.append(.init(column: .init(name: c.name, line: vv.mark?.line ?? c.line), target: target))
            }
            if out.isEmpty && seq.isEmpty { problem(v, "\(place).columns: the list is empty") }
            if values != nil { problem(keyNode(m, "values"), "\(place).values: with columns each column gives its value; use question for sub-codes looked up in values") }
            return .init(field: field, source: .split(out, selected: selected, notSelected: notSelected, empty: empty), values: nil, line: line)
        }
        if let v = questionNode {
            guard let c = column(v, "\(place).question") else { return nil }
            if values == nil {
                problem(node, "\(place).values: missing key (the code of each sub-question, for example SQ001: roi_uncertainty)")
            }
            return .init(field: field, source: .question(c, selected: selected, notSelected: notSelected, empty: empty),
                         values: values, line: line)
        }
        return nil
    }

    mutating func valueMap(_ node: Node, place: String) -> MappingFile.ValueMap? {
        guard let m = mapping(node, place) else { return nil }
        var map = MappingFile.ValueMap()
        for (k, v) in m {
            guard let label = k.scalar?.string else {
                problem(k, "\(place): a source label must be a single value")
                continue
            }
            let target: String?
            if Self.isNull(v) {
                target = nil
            } else if let t = text(v, "\(place).\(label)") {
                target = t
            } else {
                continue
            }
            let key = MappingFile.normaliseLabel(label)
            if let i = map.normalised[key] {
                problem(k, "\(place): '\(label)' is the same label as '\(map.entries[i].label)' (line \(map.entries[i].line ?? 0)) after normalising")
                continue
            }
            map.normalised[key] = map.entries.count
            map.exact[label] = map.entries.count
            map.entries.append(.init(label: label, target: target, line: k.mark?.line))
        }
        return map
    }

    // MARK: Filters

    mutating func filter(_ node: Node, index i: Int) -> MappingFile.RowFilter? {
        let place = "filters[\(i)]"
        guard let m = mapping(node, place) else { return nil }
        unknownKeys(m, allowed: ["name", "column", "equals", "in", "not_in", "missing"], place: place)
        var name: String?
        if let v = child(m, "name") { name = nonEmptyText(v, "\(place).name")?.trimmingASCIIWhitespace() } else {
            problem(node, "\(place): missing key 'name' (the report counts filtered rows by name)")
        }
        var columnRef: MappingFile.ColumnReference?
        if let v = child(m, "column") { columnRef = column(v, "\(place).column") } else {
            problem(node, "\(place): missing key 'column'")
        }
        var conditions: [MappingFile.RowFilter.Condition] = []
        if let v = child(m, "equals"), let t = text(v, "\(place).equals") { conditions.append(.oneOf([t])) }
        if let v = child(m, "in"), let l = textList(v, "\(place).in") { conditions.append(.oneOf(l)) }
        if let v = child(m, "not_in"), let l = textList(v, "\(place).not_in") { conditions.append(.noneOf(l)) }
        if let v = child(m, "missing") {
            if v.scalar.flatMap({ Bool.construct(from: $0) }) == true {
                conditions.append(.missing)
            } else {
                problem(v, "\(place).missing: expected true")
            }
        }
        if conditions.isEmpty {
            problem(node, "\(place): give one condition: equals, in, not_in or missing: true")
            return nil
        }
        if conditions.count > 1 {
            problem(node, "\(place): give only one condition (equals, in, not_in or missing); use two filters for two conditions")
            return nil
        }
        guard let name, let columnRef else { return nil }
        let condition: MappingFile.RowFilter.Condition
        switch conditions[0] {
        case .oneOf(let l): condition = .oneOf(l.map(MappingFile.normaliseLabel))
        case .noneOf(let l): condition = .noneOf(l.map(MappingFile.normaliseLabel))
        case .missing: condition = .missing
        }
        return .init(name: name, column: columnRef, condition: condition, line: node.mark?.line)
    }
}
