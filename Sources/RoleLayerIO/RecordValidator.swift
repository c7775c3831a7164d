import RoleLayerCore

/// The one place where a record's field values become a validated ``Response`` (data.md,
/// "Validation details"). Readers (canonical CSV, JSON Lines, and later the Qualtrics and
/// LimeSurvey mapping readers) hand it one ``Input`` per canonical field; it applies the
/// missing-value tokens, code lookups, number rules, list rules and cross-field checks, and
/// reports each problem against the field's column.
///
/// What it does not check, because it needs the whole file: the wave granularity and duplicate
/// (wave, respondent_id) keys (see ``ReadAssembler``).
///
/// Not thread-safe (it keeps lookup caches); give each worker its own copy.
struct RecordValidator: Sendable {
    /// The canonical fields, in the order of ``Response/fieldNames`` (raw value = index there).
    enum Field: Int, CaseIterable, Sendable {
        case respondentID, organisationID, wave, role, stage, confidence, preparedness, blockers
        case primaryBlocker, priorities, ownership, direction, influences, signoff, orgStage
        case sector, sizeBand, region, weight, comment

        /// The canonical field name, for example `primary_blocker`.
        var name: String { Response.fieldNames[rawValue] }

        /// Field by canonical name (lower-case).
        static let byName: [String: Field] = Dictionary(
            uniqueKeysWithValues: Field.allCases.map { ($0.name, $0) })

        /// The fields a canonical file must carry.
        static let required: [Field] = Response.requiredFieldNames.map { byName[$0]! }
    }

    /// A field's value as a reader found it.
    enum Input: Sendable, Hashable {
        /// The column or key is not there.
        case absent
        /// JSON `null`.
        case null
        /// A CSV cell or a JSON string, decoded (quotes and escapes removed), not trimmed.
        case text(String)
        /// A JSON number, as its literal text.
        case number(String)
        /// A JSON boolean.
        case boolean
        /// A JSON array of values.
        case array([Input])
        /// A JSON object.
        case object
        /// The reader already reported a problem with this value (encoding, size); the row is rejected.
        case rejected
    }

    /// What validating one record gave.
    struct Outcome: Sendable {
        /// The response, when the record has no error.
        var response: Response?
        /// The wave, when valid, even when the record has another error (for the granularity rule).
        var wave: Wave?
        /// The wave as written (for messages).
        var waveText: String?
    }

    let instrument: Instrument

    /// `false` for data without organisations (a mapping file's `organisation: none`): the
    /// `organisation_id` input is then not read and every response's
    /// ``RoleLayerCore/Response/organisationID`` is `nil` (each respondent is their own cluster).
    var requiresOrganisation = true

    // Per-worker caches: label and alias lookups repeat across rows, normalising does not need to.
    private var roleCache: [String: Role?] = [:]
    private var blockerCache: [String: Blocker?] = [:]
    private var priorityCache: [String: Priority?] = [:]
    private var ownershipCache: [String: Ownership?] = [:]
    private var stageCache: [String: Stage?] = [:]
    private var directionCache: [String: Direction?] = [:]
    private var waveCache: [String: Wave?] = [:]
    private var blockerSetCache: [String: CachedSet<Blocker>] = [:]
    private var roleSetCache: [String: CachedSet<Role>] = [:]
    private var priorityListCache: [String: [Priority]] = [:]
    private static let cacheLimit = 4096

    /// A validator for responses to `instrument`.
    init(instrument: Instrument) {
        self.instrument = instrument
    }

    // MARK: - Validation

    /// Validates one record.
    ///
    /// - Parameters:
    ///   - inputs: one value per ``Field`` (count = `Field.allCases.count`), indexed by raw value.
    ///   - positions: the column position of each field in the source (used to order problems).
    ///   - problems: receives every problem found, tagged with the field's position.
    /// - Returns: the response when no error was found, and the wave when it was valid.
    mutating func validate(_ inputs: [Input], positions: [Int], problems: inout [RowProblem]) -> Outcome {
        var ctx = Context(inputs: inputs, positions: positions)
        defer { problems.append(contentsOf: ctx.problems) }

        let respondentID = ctx.identifier(.respondentID)
        let organisationID = requiresOrganisation ? ctx.identifier(.organisationID) : nil

        // wave
        var wave: Wave?
        var waveText: String?
        switch ctx.scalar(.wave) {
        case .value(let s) where !isMissingToken(s):
            waveText = s
            if let w = lookupWave(s) {
                wave = w
            } else {
                ctx.error(.wave, s, "malformed wave (expected a quarter such as 2026-Q1, a month such as 2026-03, or a year such as 2026)")
            }
        case .value(let s): ctx.error(.wave, trimmed(s).isEmpty ? nil : s, "required: the wave must be given")
        case .missing: ctx.missingRequired(.wave)
        case .invalid: break
        }

        // role
        var role: Role?
        switch ctx.scalar(.role) {
        case .value(let s) where !isMissingToken(s):
            role = lookupRole(s)
            if role == nil { ctx.error(.role, s, "unknown role (not a role code, label or alias of the instrument)") }
        case .value(let s): ctx.error(.role, trimmed(s).isEmpty ? nil : s, "required: the role must be given")
        case .missing: ctx.missingRequired(.role)
        case .invalid: break
        }

        // stage
        var stage: Stage?
        switch ctx.scalar(.stage) {
        case .value(let s) where !isMissingToken(s): stage = parseStage(s, field: .stage, ctx: &ctx)
        case .value(let s): ctx.error(.stage, trimmed(s).isEmpty ? nil : s, "required: the stage must be given")
        case .missing: ctx.missingRequired(.stage)
        case .invalid: break
        }

        let confidence = ctx.integer(.confidence, range: 1...7)
        let preparedness = ctx.integer(.preparedness, range: 1...7)

        var blockerSets = Self.takeCache(&blockerSetCache)
        let blockersSet = codeSet(.blockers, kind: "blocker", ctx: &ctx, cache: &blockerSets) { v, s in v.lookupBlocker(s) }
        blockerSetCache = blockerSets
        var primaryBlocker: Blocker?
        if case .value(let s) = ctx.scalar(.primaryBlocker), !isMissingToken(s) {
            primaryBlocker = lookupBlocker(s)
            if primaryBlocker == nil { ctx.error(.primaryBlocker, s, "unknown blocker (not a blocker code, label or alias of the instrument)") }
        }

        let priorities = priorityList(&ctx)

        var ownership: Ownership?
        if case .value(let s) = ctx.scalar(.ownership), !isMissingToken(s) {
            ownership = lookupOwnership(s)
            if ownership == nil { ctx.error(.ownership, s, "unknown owner (expected a role, shared or unclear)") }
        }

        var direction: Direction?
        if case .value(let s) = ctx.scalar(.direction), !isMissingToken(s) {
            direction = parseDirection(s, ctx: &ctx)
        }

        var roleSets = Self.takeCache(&roleSetCache)
        let influences = codeSet(.influences, kind: "role", ctx: &ctx, cache: &roleSets) { v, s in v.lookupRole(s) }
        let signoff = codeSet(.signoff, kind: "role", ctx: &ctx, cache: &roleSets) { v, s in v.lookupRole(s) }
        roleSetCache = roleSets

        var orgStage: Stage?
        if case .value(let s) = ctx.scalar(.orgStage), !isMissingToken(s) {
            orgStage = parseStage(s, field: .orgStage, ctx: &ctx)
        }

        let sector = ctx.freeText(.sector)
        let sizeBand = ctx.freeText(.sizeBand)
        let region = ctx.freeText(.region)
        let weight = ctx.weight()
        let comment = ctx.freeText(.comment)

        // cross-field rules
        if let role, case .valid(let inf?) = influences, inf.contains(role) {
            ctx.error(.influences, ctx.rawText(.influences),
                      "influences may not name the respondent's own role (\(role.rawValue))")
        }
        if let primaryBlocker, case .valid(let bl?) = blockersSet, !bl.contains(primaryBlocker) {
            ctx.error(.primaryBlocker, ctx.rawText(.primaryBlocker), "the primary blocker is not among the blockers given")
        }

        guard !ctx.hasError, let respondentID, organisationID != nil || !requiresOrganisation, let wave, let role, let stage,
              case .valid(let blockers) = blockersSet, case .valid(let influencesList) = influences,
              case .valid(let signoffList) = signoff
        else {
            return Outcome(response: nil, wave: wave, waveText: waveText)
        }
        let response = Response(
            respondentID: respondentID, organisationID: organisationID, wave: wave, role: role, stage: stage,
            confidence: confidence, preparedness: preparedness, blockers: blockers, primaryBlocker: primaryBlocker,
            priorities: priorities, ownership: ownership, direction: direction, influences: influencesList,
            signoff: signoffList, orgStage: orgStage, sector: sector, sizeBand: sizeBand, region: region,
            weight: weight ?? 1, comment: comment)
        return Outcome(response: response, wave: wave, waveText: waveText)
    }

    // MARK: - Numbers and codes

    private mutating func parseStage(_ s: String, field: Field, ctx: inout Context) -> Stage? {
        switch IntegerForm(s) {
        case .integer(let v):
            if let st = Stage(v) { return st }
            ctx.error(field, s, "out of range: \(field.name) must be 0...6 or a stage code")
        case .fraction: ctx.error(field, s, "not a whole number: \(field.name) must be 0...6 or a stage code")
        case .tooLarge: ctx.error(field, s, "out of range: \(field.name) must be 0...6 or a stage code")
        case .notNumeric:
            if let st = lookupStage(s) { return st }
            ctx.error(field, s, "unknown stage (expected 0...6 or a stage code such as piloting)")
        }
        return nil
    }

    private mutating func parseDirection(_ s: String, ctx: inout Context) -> Direction? {
        switch IntegerForm(s) {
        case .integer(let v):
            if let d = Direction(v) { return d }
            ctx.error(.direction, s, "out of range: direction must be -2...2 or a direction code")
        case .fraction: ctx.error(.direction, s, "not a whole number: direction must be -2...2 or a direction code")
        case .tooLarge: ctx.error(.direction, s, "out of range: direction must be -2...2 or a direction code")
        case .notNumeric:
            if let d = lookupDirection(s) { return d }
            ctx.error(.direction, s, "unknown direction (expected -2...2 or a direction code such as slow_down)")
        }
        return nil
    }

    private mutating func priorityList(_ ctx: inout Context) -> [Priority]? {
        let reading = ctx.listItems(.priorities, emptyMeansNone: false)
        switch reading {
        case .missing, .invalid: return nil
        case .none: return []
        case .text, .array: break
        }
        if case .text(let key) = reading, let hit = priorityListCache[key] { return hit }
        var out: [Priority] = []
        var count = 0
        var bad = false
        Self.forEachItem(reading) { item in
            count += 1
            guard let p = lookupPriority(item) else {
                ctx.error(.priorities, item, "unknown priority (not a priority code, label or alias of the instrument)")
                bad = true
                return
            }
            if out.contains(p) {
                ctx.error(.priorities, ctx.rawText(.priorities), "priority '\(p.rawValue)' is listed twice (a ranking cannot repeat an item)")
                bad = true
                return
            }
            out.append(p)
        }
        if count > instrument.maximumPriorities {
            ctx.error(.priorities, ctx.rawText(.priorities),
                      "more than \(instrument.maximumPriorities) priorities (at most \(instrument.maximumPriorities), most important first)")
            bad = true
        }
        if bad { return nil }
        if case .text(let key) = reading, priorityListCache.count < Self.cacheLimit { priorityListCache[key] = out }
        return out
    }

    /// A validated set: `.valid(nil)` not answered, `.valid([])` none selected, `.invalid` rejected.
    enum SetResult<T: Sendable>: Sendable { case valid([T]?), invalid }

    /// A set cell seen before: its items and the items that were repeated (for the warnings).
    struct CachedSet<T: Sendable>: Sendable {
        var items: [T]
        var repeated: [String]
    }

    /// Moves a set cache out of the validator (leaving it empty) so that ``codeSet(_:kind:ctx:cache:lookup:)``
    /// can update it in place while its `lookup` uses the validator: no key path, no copy.
    private static func takeCache<T>(_ cache: inout [String: CachedSet<T>]) -> [String: CachedSet<T>] {
        let taken = cache
        cache = [:]
        return taken
    }

    private mutating func codeSet<T: Hashable & Sendable>(
        _ field: Field, kind: String, ctx: inout Context, cache: inout [String: CachedSet<T>],
        lookup: (inout RecordValidator, String) -> T?
    ) -> SetResult<T> {
        let reading = ctx.listItems(field, emptyMeansNone: true)
        switch reading {
        case .missing: return .valid(nil)
        case .invalid: return .invalid
        case .none: return .valid([])
        case .text, .array: break
        }
        if case .text(let key) = reading, let hit = cache[key] {
            for item in hit.repeated { ctx.warning(field, item, "repeated item merged") }
            return .valid(hit.items)
        }
        var out: [T] = []
        var repeated: [String] = []
        var bad = false
        Self.forEachItem(reading) { item in
            guard let v = lookup(&self, item) else {
                ctx.error(field, item, "unknown \(kind) (not a \(kind) code, label or alias of the instrument)")
                bad = true
                return
            }
            if out.contains(v) {
                ctx.warning(field, item, "repeated item merged")
                repeated.append(item)
            } else {
                out.append(v)
            }
        }
        if bad { return .invalid }
        if case .text(let key) = reading, cache.count < Self.cacheLimit {
            cache[key] = CachedSet(items: out, repeated: repeated)
        }
        return .valid(out)
    }

    /// Calls `body` with each item of a list reading: CSV text split at `;`, JSON array items;
    /// items trimmed, empty items skipped.
    private static func forEachItem(_ reading: ListReading, _ body: (String) -> Void) {
        switch reading {
        case .text(let s):
            var copy = s
            copy.withUTF8 { u in
                var start = 0
                let n = u.count
                while start <= n {
                    var end = start
                    while end < n && u[end] != UInt8(ascii: ";") { end += 1 }
                    var a = start, b = end
                    while a < b && (u[a] == 0x20 || u[a] == 0x09) { a += 1 }
                    while b > a && (u[b - 1] == 0x20 || u[b - 1] == 0x09) { b -= 1 }
                    if a < b {
                        let item = trimmed(String(decoding: UnsafeBufferPointer(rebasing: u[a..<b]), as: UTF8.self))
                        if !item.isEmpty { body(item) }
                    }
                    start = end + 1
                }
            }
        case .array(let items):
            for case .text(let s) in items {
                let item = trimmed(s)
                if !item.isEmpty { body(item) }
            }
        case .missing, .none, .invalid: break
        }
    }

    // MARK: - Cached lookups

    /// The value `compute` gives for `s`, remembered (misses too) in `cache` while it holds fewer
    /// than ``cacheLimit`` entries: real files repeat the same few spellings in every row.
    private static func cached<T>(_ s: String, in cache: inout [String: T?], _ compute: (String) -> T?) -> T? {
        if let c = cache[s] { return c }
        let v = compute(s)
        if cache.count < cacheLimit { cache[s] = .some(v) }
        return v
    }

    private mutating func lookupRole(_ s: String) -> Role? {
        let instrument = self.instrument
        return Self.cached(s, in: &roleCache) { s in instrument.role(named: s) }
    }
    private mutating func lookupBlocker(_ s: String) -> Blocker? {
        let instrument = self.instrument
        return Self.cached(s, in: &blockerCache) { s in instrument.blocker(named: s) }
    }
    private mutating func lookupPriority(_ s: String) -> Priority? {
        let instrument = self.instrument
        return Self.cached(s, in: &priorityCache) { s in instrument.priority(named: s) }
    }
    private mutating func lookupOwnership(_ s: String) -> Ownership? {
        let instrument = self.instrument
        return Self.cached(s, in: &ownershipCache) { s in instrument.ownership(named: s) }
    }
    private mutating func lookupStage(_ s: String) -> Stage? {
        let instrument = self.instrument
        return Self.cached(s, in: &stageCache) { s in instrument.stage(named: s) }
    }
    private mutating func lookupWave(_ s: String) -> Wave? {
        Self.cached(s, in: &waveCache) { s in Wave(parsing: s) }
    }
    private mutating func lookupDirection(_ s: String) -> Direction? {
        let instrument = self.instrument
        return Self.cached(s, in: &directionCache) { s in instrument.direction(named: s) }
    }
}

// MARK: - Row problems

/// A problem found in one record, before the reader attaches file, row and line.
struct RowProblem: Sendable, Hashable {
    /// Column position in the source (orders the problems of one row); -1 for the whole row.
    var position: Int
    /// Column name, or `nil` for the whole row.
    var column: String?
    /// The value to echo (shortened later), or `nil`.
    var value: String?
    /// Why.
    var reason: String
    /// Error or warning.
    var severity: ImportProblem.Severity

    /// Attaches the place.
    func problem(file: String, row: Int, line: Int?) -> ImportProblem {
        ImportProblem(file: file, row: row, line: line == row ? nil : line, column: column, value: value,
                      reason: reason, severity: severity)
    }
}

// MARK: - Per-record context

extension RecordValidator {
    /// A scalar reading of an input.
    enum Scalar { case missing, value(String), invalid }
    /// A list reading of an input: not answered, none selected, items (trimmed, non-empty), or invalid.
    enum ListReading { case missing, none, text(String), array([Input]), invalid }

    /// The inputs of one record and the problems found so far.
    struct Context {
        let inputs: [Input]
        let positions: [Int]
        var problems: [RowProblem] = []
        var hasError = false

        init(inputs: [Input], positions: [Int]) {
            self.inputs = inputs
            self.positions = positions
        }

        mutating func error(_ f: Field, _ value: String?, _ reason: String) {
            hasError = true
            problems.append(RowProblem(position: positions[f.rawValue], column: f.name,
                                       value: f == .comment ? nil : value, reason: reason, severity: .error))
        }

        mutating func warning(_ f: Field, _ value: String?, _ reason: String) {
            problems.append(RowProblem(position: positions[f.rawValue], column: f.name,
                                       value: f == .comment ? nil : value, reason: reason, severity: .warning))
        }

        mutating func missingRequired(_ f: Field) {
            error(f, nil, "required: the \(f.name) must be given")
        }

        /// The input as text for a message (arrays joined with `;`).
        func rawText(_ f: Field) -> String? {
            switch inputs[f.rawValue] {
            case .text(let s), .number(let s): s
            case .array(let items):
                items.map { if case .text(let s) = $0 { s } else if case .number(let s) = $0 { s } else { "?" } }
                    .joined(separator: ";")
            default: nil
            }
        }

        /// The input as one scalar: text and numbers as text; null and absent are missing;
        /// booleans, arrays and objects are errors.
        mutating func scalar(_ f: Field) -> Scalar {
            switch inputs[f.rawValue] {
            case .absent, .null: return .missing
            case .text(let s), .number(let s): return .value(s)
            case .boolean: error(f, nil, "expected a single value, got a boolean"); return .invalid
            case .array: error(f, nil, "expected a single value, got an array"); return .invalid
            case .object: error(f, nil, "expected a single value, got an object"); return .invalid
            case .rejected: hasError = true; return .invalid
            }
        }

        /// A required identifier: trimmed, not empty (missing-value tokens are kept as written).
        mutating func identifier(_ f: Field) -> String? {
            switch scalar(f) {
            case .value(let s):
                let t = trimmed(s)
                if t.isEmpty { missingRequired(f); return nil }
                return t
            case .missing: missingRequired(f); return nil
            case .invalid: return nil
            }
        }

        /// Free text: as written; empty is not answered.
        mutating func freeText(_ f: Field) -> String? {
            if case .value(let s) = scalar(f), !s.isEmpty { return s }
            return nil
        }

        /// An optional integer field in `range`.
        mutating func integer(_ f: Field, range: ClosedRange<Int>) -> Int? {
            guard case .value(let s) = scalar(f), !isMissingToken(s) else { return nil }
            // the rule's text is built only for a problem
            func rule() -> String { "\(f.name) must be an integer \(range.lowerBound)...\(range.upperBound)" }
            switch IntegerForm(s) {
            case .integer(let v):
                if range.contains(v) { return v }
                error(f, s, "out of range: \(rule())")
            case .tooLarge: error(f, s, "out of range: \(rule())")
            case .fraction: error(f, s, "not a whole number: \(rule())")
            case .notNumeric: error(f, s, "not a number: \(rule())")
            }
            return nil
        }

        /// The survey weight: a finite decimal > 0; `nil` when not given (weight 1).
        mutating func weight() -> Double? {
            guard case .value(let s) = scalar(.weight), !isMissingToken(s) else { return nil }
            guard let v = parseDecimal(s) else {
                if s.utf8.contains(UInt8(ascii: ",")) {
                    error(.weight, s, "not a number: weight must be a decimal number > 0 written with a decimal point, not a comma")
                } else {
                    error(.weight, s, "not a number: weight must be a decimal number > 0")
                }
                return nil
            }
            if !v.isFinite { error(.weight, s, "out of range: weight must be a finite number > 0"); return nil }
            if !(v > 0) { error(.weight, s, "out of range: weight must be > 0"); return nil }
            return v
        }

        /// A list field read as items: CSV text is split at `;`, JSON arrays give their items; items are
        /// trimmed and empty items dropped. For sets (`emptyMeansNone`) an empty text is "none selected";
        /// otherwise it is not answered. Missing-value tokens mean not answered.
        mutating func listItems(_ f: Field, emptyMeansNone: Bool) -> ListReading {
            switch inputs[f.rawValue] {
            case .absent, .null: return .missing
            case .text(let s), .number(let s):
                if isMissingToken(s) {
                    return isBlank(s) ? (emptyMeansNone ? .none : .missing) : .missing
                }
                if !s.utf8.contains(where: { $0 != 0x3B && $0 != 0x20 && $0 != 0x09 }) {  // only ';' and spaces
                    return emptyMeansNone ? .none : .missing
                }
                return .text(s)
            case .array(let elements):
                var any = false
                for e in elements {
                    switch e {
                    case .text(let s), .number(let s):
                        if !trimmed(s).isEmpty { any = true }
                    case .rejected: hasError = true; return .invalid
                    default:
                        error(f, nil, "array items must be strings")
                        return .invalid
                    }
                }
                if !any { return .none }
                // numbers are looked up as text (and fail as unknown codes)
                return .array(elements.map { if case .number(let s) = $0 { .text(s) } else { $0 } })
            case .boolean: error(f, nil, "expected a list, got a boolean"); return .invalid
            case .object: error(f, nil, "expected a list, got an object"); return .invalid
            case .rejected: hasError = true; return .invalid
            }
        }
    }
}

/// Empty or only spaces, tabs, CR and LF.
func isBlank(_ s: String) -> Bool {
    !s.utf8.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }
}

// MARK: - Text rules

/// data.md "Missing-value tokens": empty, `NA`, `N/A`, `null`, `NaN` (trimmed, any case).
func isMissingToken(_ s: String) -> Bool {
    if s.utf8.count > 12 { return false }
    var copy = s
    return copy.withUTF8 { u in
        var a = 0, b = u.count
        while a < b && (u[a] == 0x20 || u[a] == 0x09 || u[a] == 0x0D || u[a] == 0x0A) { a += 1 }
        while b > a && (u[b - 1] == 0x20 || u[b - 1] == 0x09 || u[b - 1] == 0x0D || u[b - 1] == 0x0A) { b -= 1 }
        if a == b { return true }
        guard b - a <= 4 else { return false }
        var key: UInt32 = 0
        for k in a..<b { key = key << 8 | UInt32(u[k] >= 65 && u[k] <= 90 ? u[k] + 32 : u[k]) }
        // "na", "n/a", "null", "nan"
        return key == 0x6E61 || key == 0x6E2F61 || key == 0x6E75_6C6C || key == 0x6E616E
    }
}

/// The string without surrounding white space; returns `s` itself when there is none (no copy).
func trimmed(_ s: String) -> String {
    let u = s.utf8
    guard let f = u.first, let l = u.last else { return s }
    func plain(_ b: UInt8) -> Bool { b < 0x80 && b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0B && b != 0x0C }
    if plain(f) && plain(l) { return s }
    return s.trimmingASCIIWhitespace()
}

/// How a text reads as an integer (data.md "Numbers"): surrounding white space and a leading `+`
/// allowed, `5.0` / `5.` accepted as 5, `-0` is 0, other fractions rejected, ASCII digits only.
enum IntegerForm: Equatable {
    case integer(Int), fraction, tooLarge, notNumeric

    init(_ s: String) {
        var copy = s
        self = copy.withUTF8 { IntegerForm(bytes: $0) }
    }

    init(bytes u: UnsafeBufferPointer<UInt8>) {
        var i = 0, n = u.count
        while i < n && (u[i] == 0x20 || u[i] == 0x09 || u[i] == 0x0D || u[i] == 0x0A) { i += 1 }
        while n > i && (u[n - 1] == 0x20 || u[n - 1] == 0x09 || u[n - 1] == 0x0D || u[n - 1] == 0x0A) { n -= 1 }
        var negative = false
        if i < n && (u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-")) {
            negative = u[i] == UInt8(ascii: "-")
            i += 1
        }
        var value = 0
        var digits = 0
        while i < n && u[i] >= 48 && u[i] <= 57 {
            if digits < 18 { value = value * 10 + Int(u[i] - 48) }
            digits += 1
            i += 1
        }
        guard digits > 0 else { self = .notNumeric; return }
        var fraction = false
        if i < n && u[i] == UInt8(ascii: ".") {
            i += 1
            while i < n && u[i] >= 48 && u[i] <= 57 {
                if u[i] != 48 { fraction = true }
                i += 1
            }
        }
        guard i == n else { self = .notNumeric; return }
        if fraction { self = .fraction; return }
        if digits > 18 { self = .tooLarge; return }
        self = .integer(negative ? -value : value)
    }
}

/// A decimal number (data.md "Numbers", weight): white space, a sign and an exponent allowed;
/// hexadecimal, `inf`, `nan` and a decimal comma are not. Returns `nil` when the text is not one.
func parseDecimal(_ s: String) -> Double? {
    let t = trimmed(s)
    // fast path: a sign and 1...15 digits is an integer that a Double holds exactly (as strtod would give it)
    var plain = 0, digits = 0, negative = false, isPlain = true
    for (k, b) in t.utf8.enumerated() {
        if k == 0 && (b == UInt8(ascii: "+") || b == UInt8(ascii: "-")) {
            negative = b == UInt8(ascii: "-")
        } else if b >= 48 && b <= 57 && digits < 15 {
            plain = plain * 10 + Int(b - 48)
            digits += 1
        } else {
            isPlain = false
            break
        }
    }
    if isPlain && digits > 0 { return negative ? -Double(plain) : Double(plain) }
    var u = t.utf8[...]
    func digitRun() -> Int {
        var n = 0
        while let b = u.first, b >= 48, b <= 57 { n += 1; u = u.dropFirst() }
        return n
    }
    if let f = u.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { u = u.dropFirst() }
    var mantissa = digitRun()
    if let b = u.first, b == UInt8(ascii: ".") {
        u = u.dropFirst()
        mantissa += digitRun()
    }
    guard mantissa > 0 else { return nil }
    if let b = u.first, b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
        u = u.dropFirst()
        if let f = u.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { u = u.dropFirst() }
        guard digitRun() > 0 else { return nil }
    }
    guard u.isEmpty else { return nil }
    var body = Substring(t)
    if body.first == "+" { body = body.dropFirst() }
    return Double(body)
}
