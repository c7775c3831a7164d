import Foundation
import RoleLayerCore

/// A ``MappingFile`` bound to one export's header: every column reference resolved to a column
/// position, value maps and choice lists ready, time zones loaded. Its ``Worker`` turns one
/// record's cells into the canonical field values (``RecordValidator/Input``) that the one
/// ``RecordValidator`` checks, after the row filters.
///
/// What the mapping does to a cell before validation:
/// - a cell equal to one of the mapping's `missing_values` (trimmed) is "not answered";
/// - a value map replaces a source label (matched exactly, else after
///   ``MappingFile/normaliseLabel(_:)``) by its target; a `null` target is "not answered" for a
///   single value and drops the item from a multi-select; a label no map covers passes unchanged
///   (the validator then accepts it when it names a code, label or alias of the instrument);
/// - a delimited multi-select is split at the separator, rejoining pieces that together form a
///   known choice (a label containing the separator); an empty cell is "none selected" unless
///   the mapping says `empty: not_answered`; a bare digit string of two or more digits in a
///   comma-separated column is ambiguous (`25`: choice 25, or choices 2 and 5 whose comma a
///   spreadsheet removed) unless the choice list admits exactly one reading;
/// - split columns: a selected marker selects the column's choice, an empty cell or a
///   not-selected marker does not, a missing-value token is not answered;
/// - a date becomes the wave it falls in (``ResponseDate``).
struct MappedRecordBuilder: Sendable {
    typealias Field = RecordValidator.Field

    /// A row filter bound to a column.
    struct Filter: Sendable {
        enum Test: Sendable {
            case oneOf(Set<String>)
            case noneOf(Set<String>)
            case missing
        }
        var name: String
        var column: Int
        var test: Test
    }

    /// How one delimited multi-select column is split.
    struct Delimited: Sendable {
        var separator: String
        /// Normalised known choices (`choices`, else the value map's labels); `nil` when none.
        var choices: Set<String>?
        /// Most separator-separated pieces a known choice spans (1: no choice holds the separator).
        var maximumPieces: Int
        var empty: MappingFile.EmptyMeaning
    }

    /// One column of a split multi-select.
    struct SplitPart: Sendable {
        var column: Int
        /// The code, or `nil` to drop the choice.
        var target: String?
        /// The column holds free text (LimeSurvey `[other]`): any non-empty text selects it.
        var anyText: Bool
    }

    /// Where a field's value comes from, resolved.
    enum Kind: Sendable {
        case constant(String)
        case column(Int, MappingFile.ValueMap?)
        case delimited(Int, Delimited, MappingFile.ValueMap?)
        case split([SplitPart], selected: MappingFile.SelectedMarker, notSelected: Set<String>, empty: MappingFile.EmptyMeaning)
        case date(Int, Wave.Granularity, source: Calendar?, target: Calendar)
    }

    /// One canonical field's plan.
    struct FieldPlan: Sendable {
        var field: Field
        var kind: Kind
        /// The source column named in problems.
        var display: String
    }

    let header: SourceHeader
    let instrument: Instrument
    private(set) var fields: [FieldPlan] = []
    private(set) var filters: [Filter] = []
    /// The source column of each canonical field (orders problems), indexed by raw value.
    private(set) var positions = [Int](repeating: Int.max, count: Field.allCases.count)
    /// Canonical field name → source column name, for problems found by the validator.
    private(set) var displayNames: [String: String] = [:]
    /// Columns the mapping reads (decoded for every record).
    private(set) var used: [Int] = []
    private var isUsed: [Bool]
    private var commentColumn: Int?
    let missingValues: Set<String>
    let requiresOrganisation: Bool

    /// The column holds the free-text comment (its value is never echoed).
    func isComment(_ c: Int) -> Bool { c == commentColumn }

    private init(header: SourceHeader, instrument: Instrument, mapping: MappingFile) {
        self.header = header
        self.instrument = instrument
        self.isUsed = Array(repeating: false, count: header.count)
        self.missingValues = Set(mapping.missingValues)
        self.requiresOrganisation = !mapping.withoutOrganisations
    }

    // MARK: - Compiling

    enum Compiled {
        /// The plan, and warnings about the header (row 1).
        case success(MappedRecordBuilder, warnings: [RowProblem])
        /// Why the mapping does not fit the file (the whole file is rejected at row 1).
        case failure([RowProblem])
    }

    /// Binds `mapping` to `header`.
    static func compile(mapping: MappingFile, header: SourceHeader, instrument: Instrument) -> Compiled {
        var plan = MappedRecordBuilder(header: header, instrument: instrument, mapping: mapping)
        var errors: [RowProblem] = []
        var warnings: [RowProblem] = []
        let mappingName = mapping.fileName

        func place(_ line: Int?) -> String { line.map { "\(mappingName):\($0)" } ?? mappingName }
        func resolve(_ ref: MappingFile.ColumnReference, _ what: String) -> Int? {
            switch header.resolve(ref.name) {
            case .found(let c):
                return c
            case .missing:
                errors.append(RowProblem(position: Int.max, column: ref.name, value: nil,
                                         reason: "\(what) named by the mapping (\(place(ref.line))) is not in the file", severity: .error))
            case .ambiguous(let cols):
                let list = cols.map { c in "\(c + 1)" + (header.importIDs[c].map { " (\($0))" } ?? "") }.joined(separator: ", ")
                let hint = header.importIDs.contains { $0 != nil } ? "; name one by its import id" : "; the mapping cannot tell them apart"
                errors.append(RowProblem(position: Int.max, column: ref.name, value: nil,
                                         reason: "\(what) named by the mapping (\(place(ref.line))) answers to \(cols.count) columns (\(list))\(hint)",
                                         severity: .error))
            }
            return nil
        }

        // Keys.
        if let c = resolve(mapping.respondent, "the respondent key") {
            plan.add(.init(field: .respondentID, kind: .column(c, nil), display: header.displayName(c)), column: c)
        }
        if let org = mapping.organisation, let c = resolve(org, "the organisation key") {
            plan.add(.init(field: .organisationID, kind: .column(c, nil), display: header.displayName(c)), column: c)
        }
        for constant in mapping.constants {
            plan.add(.init(field: constant.field, kind: .constant(constant.value), display: "\(constant.field.name) (constant)"),
                     column: nil)
        }

        // Fields.
        for f in mapping.fields {
            let what = "the column of \(f.field.name)"
            switch f.source {
            case .column(let ref):
                if let c = resolve(ref, what) {
                    plan.add(.init(field: f.field, kind: .column(c, f.values), display: header.displayName(c)), column: c)
                }
            case .delimited(let ref, let separator, let choices, let empty):
                if let c = resolve(ref, what) {
                    let labels = choices ?? f.values?.entries.map(\.label)
                    let rule = Delimited(
                        separator: separator, choices: labels.map { Set($0.map(MappingFile.normaliseLabel)) },
                        maximumPieces: (labels ?? []).map { $0.components(separatedBy: separator).count }.max() ?? 1,
                        empty: empty)
                    plan.add(.init(field: f.field, kind: .delimited(c, rule, f.values), display: header.displayName(c)), column: c)
                }
            case .split(let columns, let selected, let notSelected, let empty):
                var parts: [SplitPart] = []
                for sc in columns {
                    if let c = resolve(sc.column, "a column of \(f.field.name)") {
                        parts.append(SplitPart(column: c, target: sc.target, anyText: false))
                    }
                }
                if parts.count == columns.count {
                    plan.add(.init(field: f.field, kind: .split(parts, selected: selected, notSelected: Self.markerSet(notSelected), empty: empty),
                                   display: f.field.name), columns: parts.map(\.column))
                }
            case .question(let ref, let selected, let notSelected, let empty):
                let subs = header.subColumns(of: ref.name)
                if subs.isEmpty {
                    errors.append(RowProblem(position: Int.max, column: ref.name, value: nil,
                                             reason: "no columns \(ref.name)[…] or \(ref.name)_… for the question named by the mapping (\(place(ref.line)))",
                                             severity: .error))
                    continue
                }
                var parts: [SplitPart] = []
                for (c, sub) in subs {
                    if let entry = f.values?.entry(for: sub) {
                        parts.append(SplitPart(column: c, target: entry.target, anyText: LimeSurveyExport.isFreeTextChoice(sub)))
                    } else if LimeSurveyExport.isFreeTextChoice(sub) || LimeSurveyExport.isCommentColumn(sub) {
                        warnings.append(RowProblem(position: c, column: header.displayName(c), value: nil,
                                                   reason: "free-text column of \(ref.name) not in fields.\(f.field.name).values (\(place(f.line))); ignored",
                                                   severity: .warning))
                    } else {
                        errors.append(RowProblem(position: c, column: header.displayName(c), value: sub,
                                                 reason: "sub-question '\(sub)' of \(ref.name) has no entry in fields.\(f.field.name).values (\(place(f.line)))",
                                                 severity: .error))
                    }
                }
                if !parts.isEmpty {
                    plan.add(.init(field: f.field, kind: .split(parts, selected: selected, notSelected: Self.markerSet(notSelected), empty: empty),
                                   display: ref.name), columns: parts.map(\.column))
                }
            case .date(let ref, let granularity, let zoneName, let sourceZoneName):
                guard let c = resolve(ref, what) else { continue }
                guard let zone = ResponseDate.timeZone(zoneName) else { continue }  // checked when loading
                var source: TimeZone?
                if let name = sourceZoneName ?? header.timeZones[c] {
                    source = ResponseDate.timeZone(name)
                    if source == nil {
                        errors.append(RowProblem(position: c, column: header.displayName(c), value: name,
                                                 reason: "the time zone of this date column is unknown; give fields.wave.source_time_zone in the mapping (\(place(f.line)))",
                                                 severity: .error))
                        continue
                    }
                }
                plan.add(.init(field: f.field, kind: .date(c, granularity, source: source.map(ResponseDate.calendar),
                                                           target: ResponseDate.calendar(zone)),
                               display: header.displayName(c)), column: c)
            }
        }

        // Filters: LimeSurvey's incomplete responses first, then the mapping's in order.
        if mapping.format == .limesurvey && !mapping.includeIncomplete {
            if case .found(let c) = header.resolve(LimeSurveyExport.submitDateColumn) {
                plan.filters.append(Filter(name: MappingFile.incompleteFilterName, column: c, test: .missing))
                plan.use(c)
            } else {
                warnings.append(RowProblem(position: Int.max, column: LimeSurveyExport.submitDateColumn, value: nil,
                                           reason: "no submitdate column, so incomplete responses cannot be left out (include_incomplete: true silences this)",
                                           severity: .warning))
            }
        }
        for f in mapping.filters {
            guard let c = resolve(f.column, "the column of filter '\(f.name)'") else { continue }
            let test: Filter.Test
            switch f.condition {
            case .oneOf(let l): test = .oneOf(Set(l))
            case .noneOf(let l): test = .noneOf(Set(l))
            case .missing: test = .missing
            }
            plan.filters.append(Filter(name: f.name, column: c, test: test))
            plan.use(c)
        }

        if !errors.isEmpty { return .failure(warnings + errors) }
        plan.used.sort()
        return .success(plan, warnings: warnings)
    }

    private static func markerSet(_ markers: [String]) -> Set<String> {
        Set(markers.map { $0.lowercased() })
    }

    private mutating func use(_ c: Int) {
        if !isUsed[c] {
            isUsed[c] = true
            used.append(c)
        }
    }

    private mutating func add(_ plan: FieldPlan, column: Int?) {
        add(plan, columns: column.map { [$0] } ?? [])
    }

    private mutating func add(_ plan: FieldPlan, columns: [Int]) {
        fields.append(plan)
        positions[plan.field.rawValue] = columns.min() ?? Int.max
        displayNames[plan.field.name] = plan.display
        for c in columns { use(c) }
        if plan.field == .comment, let c = columns.first { commentColumn = c }
    }

    // MARK: - Records

    /// Per-thread state: the validator (with its caches) and reusable buffers.
    func worker() -> Worker {
        var validator = RecordValidator(instrument: instrument)
        validator.requiresOrganisation = requiresOrganisation
        return Worker(plan: self, validator: validator,
                      cells: Array(repeating: nil, count: header.count),
                      inputs: Array(repeating: .absent, count: Field.allCases.count))
    }

    struct Worker {
        let plan: MappedRecordBuilder
        var validator: RecordValidator
        var cells: [String?]
        var inputs: [RecordValidator.Input]

        /// Filters, maps and validates one record whose fields (count = header count) are known
        /// to be well formed, filling `result`.
        mutating func buildRecord(_ b: UnsafeBufferPointer<UInt8>, fields: [CSVTokenizer.Field], hasNUL: Bool,
                                  into result: inout RecordResult) {
            // Decode the columns the mapping reads.
            var encodingProblems: [RowProblem] = []
            for c in plan.used {
                let f = fields[c]
                let decoded = f.hasDoubledQuotes
                    ? TextDecoding.decode(CSVTokenizer.undoubled(b, f), mayHoldNUL: hasNUL)
                    : TextDecoding.decode(UnsafeBufferPointer(rebasing: b[f.start..<f.end]), mayHoldNUL: hasNUL)
                if case .text(let s) = decoded {
                    cells[c] = s
                } else {
                    cells[c] = nil
                    encodingProblems.append(RowProblem(position: c, column: plan.header.displayName(c),
                                                       value: plan.isComment(c) ? nil : decoded.echo,
                                                       reason: decoded.reason ?? "unreadable", severity: .error))
                }
            }

            // Row filters: the first that matches leaves the row out.
            for filter in plan.filters {
                guard let s = cells[filter.column] else { continue }
                if matches(filter.test, s) {
                    result.filteredBy = filter.name
                    return
                }
            }

            // Columns the mapping does not read must still be valid text.
            for c in 0..<fields.count where !plan.isUsed[c] {
                let f = fields[c]
                let raw = UnsafeBufferPointer(start: b.baseAddress.map { $0 + f.start }, count: f.end - f.start)
                if hasNUL || !TextDecoding.isValidUTF8(raw) {
                    let decoded = TextDecoding.decode(raw, mayHoldNUL: hasNUL)
                    if let reason = decoded.reason, !reason.hasPrefix("value is longer") {
                        encodingProblems.append(RowProblem(position: c, column: plan.header.displayName(c), value: decoded.echo,
                                                           reason: reason, severity: .error))
                    }
                }
            }

            // Canonical inputs.
            for k in inputs.indices { inputs[k] = .absent }
            var mappingProblems: [RowProblem] = []
            for fp in plan.fields {
                inputs[fp.field.rawValue] = input(fp, problems: &mappingProblems)
            }
            var validation: [RowProblem] = []
            let outcome = validator.validate(inputs, positions: plan.positions, problems: &validation)
            for k in validation.indices {
                if let name = validation[k].column, let display = plan.displayNames[name] { validation[k].column = display }
            }
            result.problems = encodingProblems + mappingProblems + validation
            let failed = !encodingProblems.isEmpty || !mappingProblems.isEmpty
            result.response = failed ? nil : outcome.response
            result.wave = outcome.wave
            result.waveText = outcome.waveText
        }

        private func matches(_ test: Filter.Test, _ s: String) -> Bool {
            switch test {
            case .oneOf(let set): return set.contains(MappingFile.normaliseLabel(s))
            case .noneOf(let set): return !set.contains(MappingFile.normaliseLabel(s))
            case .missing: return isMissing(s)
            }
        }

        /// Empty, a data.md missing-value token, or one of the mapping's missing values.
        private func isMissing(_ s: String) -> Bool {
            isMissingToken(s) || (!plan.missingValues.isEmpty && plan.missingValues.contains(trimmed(s)))
        }

        private func isMappingMissing(_ t: String) -> Bool {
            !plan.missingValues.isEmpty && plan.missingValues.contains(t)
        }

        /// The canonical input for one field.
        private func input(_ fp: FieldPlan, problems: inout [RowProblem]) -> RecordValidator.Input {
            switch fp.kind {
            case .constant(let v):
                return .text(v)

            case .column(let c, let values):
                guard let s = cells[c] else { return .rejected }
                let t = trimmed(s)
                if isMappingMissing(t) { return .null }
                if let values, !t.isEmpty, let entry = values.entry(for: t) {
                    return entry.target.map { .text($0) } ?? .null
                }
                return .text(s)

            case .delimited(let c, let rule, let values):
                guard let s = cells[c] else { return .rejected }
                let t = trimmed(s)
                if t.isEmpty { return rule.empty == .noneSelected ? .array([]) : .null }
                if isMappingMissing(t) || isMissingToken(t) { return .null }
                var items: [String]
                if rule.separator == ",", t.utf8.count >= 2, t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                    switch Self.digitReading(t, choices: rule.choices) {
                    case .success(let read): items = read
                    case .failure(let reason):
                        problems.append(RowProblem(position: c, column: fp.display, value: s, reason: reason, severity: .error))
                        return .rejected
                    }
                } else {
                    items = Self.split(t, rule)
                }
                var out: [RecordValidator.Input] = []
                out.reserveCapacity(items.count)
                for item in items {
                    if let values, let entry = values.entry(for: item) {
                        if let target = entry.target { out.append(.text(target)) }
                    } else {
                        out.append(.text(item))
                    }
                }
                return .array(out)

            case .split(let parts, let selected, let notSelected, let empty):
                var out: [RecordValidator.Input] = []
                var anySelected = false
                var allMissing = true
                var bad = false
                for part in parts {
                    guard let s = cells[part.column] else { bad = true; continue }
                    let t = trimmed(s)
                    if t.isEmpty || notSelected.contains(t.lowercased()) {
                        allMissing = false
                        continue
                    }
                    if isMappingMissing(t) || isMissingToken(t) { continue }
                    allMissing = false
                    let isSelected: Bool
                    if part.anyText {
                        isSelected = true
                    } else {
                        switch selected {
                        case .any: isSelected = true
                        case .values(let markers): isSelected = markers.contains { $0.caseInsensitiveCompare(t) == .orderedSame }
                        }
                    }
                    if !isSelected {
                        let expected: String
                        if case .values(let markers) = selected { expected = markers.joined(separator: ", ") } else { expected = "a value" }
                        problems.append(RowProblem(position: part.column, column: plan.header.displayName(part.column), value: s,
                                                   reason: "not a selected marker (expected \(expected), or empty when not selected)",
                                                   severity: .error))
                        bad = true
                        continue
                    }
                    anySelected = true
                    if let target = part.target { out.append(.text(target)) }
                }
                if bad { return .rejected }
                if allMissing { return .null }
                if !anySelected { return empty == .noneSelected ? .array([]) : .null }
                return .array(out)

            case .date(let c, let granularity, let source, let target):
                guard let s = cells[c] else { return .rejected }
                let t = trimmed(s)
                if t.isEmpty || isMappingMissing(t) || isMissingToken(t) { return .null }
                guard let date = ResponseDate(parsing: t) else {
                    problems.append(RowProblem(position: c, column: fp.display, value: s, reason: "not a date: " + ResponseDate.expected,
                                               severity: .error))
                    return .rejected
                }
                guard let wave = date.wave(granularity: granularity, source: source, target: target) else {
                    problems.append(RowProblem(position: c, column: fp.display, value: s,
                                               reason: "the date cannot be placed into a wave (year outside 1000...9999)", severity: .error))
                    return .rejected
                }
                return .text(wave.description)
            }
        }

        // MARK: Multi-select

        /// Splits a delimited cell into trimmed, non-empty items; consecutive pieces that together
        /// form a known choice (normalised) are one item, the longest such run first.
        static func split(_ t: String, _ rule: Delimited) -> [String] {
            let pieces = t.components(separatedBy: rule.separator)
            guard rule.maximumPieces > 1, pieces.count > 1, let choices = rule.choices else {
                return pieces.map(trimmed).filter { !$0.isEmpty }
            }
            var out: [String] = []
            var i = 0
            while i < pieces.count {
                var taken = 1
                var item = pieces[i]
                var j = min(pieces.count, i + rule.maximumPieces)
                while j > i + 1 {
                    let joined = pieces[i..<j].joined(separator: rule.separator)
                    if choices.contains(MappingFile.normaliseLabel(joined)) {
                        taken = j - i
                        item = joined
                        break
                    }
                    j -= 1
                }
                let clean = trimmed(item)
                if !clean.isEmpty { out.append(clean) }
                i += taken
            }
            return out
        }

        enum DigitReading {
            case success([String])
            case failure(String)
        }

        /// A bare digit string such as `25` in a comma-separated multi-select: choice 25, or
        /// choices 2 and 5 whose comma was lost (a spreadsheet reading `2,5` as a number). Taken
        /// only when the choice list admits exactly one of the two readings.
        static func digitReading(_ t: String, choices: Set<String>?) -> DigitReading {
            let digits = t.map(String.init)
            let spelled = digits.count == 2 ? "\(digits[0]) and \(digits[1])"
                : digits.dropLast().joined(separator: ", ") + " and " + digits.last!
            guard let choices else {
                return .failure("ambiguous: '\(t)' may be choice \(t) or choices \(spelled) (a spreadsheet may have removed the commas); give the choice list in the mapping (choices or values) to decide")
            }
            let whole = choices.contains(t)
            let separate = digits.allSatisfy { choices.contains($0) }
            switch (whole, separate) {
            case (true, false): return .success([t])
            case (false, true): return .success(digits)
            case (true, true):
                return .failure("ambiguous: '\(t)' may be choice \(t) or choices \(spelled), and the choice list has all of them")
            case (false, false):
                return .failure("'\(t)' is not a choice, nor are \(spelled) all choices")
            }
        }
    }
}
