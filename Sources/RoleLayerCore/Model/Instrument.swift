/// The questionnaire's codebook: the role set, the stage scale, the blocker, priority and
/// direction lists, the question wording, and the analysis settings (data.md, "The instrument").
///
/// ``Instrument/default`` is built in. A custom instrument (loaded from YAML by RoleLayerIO)
/// may replace roles, aliases, blockers and priorities, relabel stages and directions, and change
/// settings. Call ``validate()`` on any instrument that did not come from code.
public struct Instrument: Sendable, Hashable, Codable {
    /// Instrument name, for example `"RoleLayer default"`.
    public var name: String
    /// Instrument version (the default is version 1).
    public var version: Int
    /// The roles; at most 64 (set-valued answers are held as 64-bit masks in analysis).
    public var roles: CodeList
    /// The seven stages 0...6, in order; index = stage value.
    public var stages: CodeList
    /// The blockers; at most 64.
    public var blockers: CodeList
    /// The strategic priorities; at most 64.
    public var priorities: CodeList
    /// The five directions -2...2, in order; index = value + 2.
    public var directions: CodeList
    /// The longest priority list a respondent may give (k of the top-k footrule; default 3).
    public var maximumPriorities: Int
    /// Question wording keyed by canonical field name (`stage`, `confidence`, ...).
    public var questions: [String: String]
    /// Analysis settings; see ``AnalysisSettings``.
    public var settings: AnalysisSettings

    /// Creates an instrument from its parts; call ``validate()`` before use.
    public init(
        name: String, version: Int, roles: CodeList, stages: CodeList, blockers: CodeList,
        priorities: CodeList, directions: CodeList, maximumPriorities: Int = 3,
        questions: [String: String] = [:], settings: AnalysisSettings = AnalysisSettings()
    ) {
        self.name = name
        self.version = version
        self.roles = roles
        self.stages = stages
        self.blockers = blockers
        self.priorities = priorities
        self.directions = directions
        self.maximumPriorities = maximumPriorities
        self.questions = questions
        self.settings = settings
    }

    /// The codes an ownership answer may take besides a role code.
    public static let ownershipExtraCodes = ["shared", "unclear"]

    // MARK: - Lookups

    /// The role that `text` names (code, label or alias, normalised), or `nil`.
    public func role(named text: String) -> Role? {
        roles.index(of: text).map { Role(roles.entries[$0].code) }
    }
    /// The blocker that `text` names, or `nil`.
    public func blocker(named text: String) -> Blocker? {
        blockers.index(of: text).map { Blocker(blockers.entries[$0].code) }
    }
    /// The priority that `text` names, or `nil`.
    public func priority(named text: String) -> Priority? {
        priorities.index(of: text).map { Priority(priorities.entries[$0].code) }
    }
    /// The stage whose code, label or alias `text` is (not a number), or `nil`.
    public func stage(named text: String) -> Stage? {
        stages.index(of: text).flatMap { Stage($0) }
    }
    /// The direction whose code, label or alias `text` is (not a number), or `nil`.
    public func direction(named text: String) -> Direction? {
        directions.index(of: text).flatMap { Direction($0 - 2) }
    }
    /// The ownership answer `text` names: a role, `shared` or `unclear`; `nil` when none.
    public func ownership(named text: String) -> Ownership? {
        let n = CodeList.normalise(text)
        if n == "shared" { return .shared }
        if n == "unclear" { return .unclear }
        return role(named: text).map { .role($0) }
    }

    /// The index of a role code in ``roles`` (the order analysis uses), or `nil`.
    public func index(of role: Role) -> Int? { roles.index(ofCode: role.rawValue) }
    /// The index of a blocker code in ``blockers``, or `nil`.
    public func index(of blocker: Blocker) -> Int? { blockers.index(ofCode: blocker.rawValue) }
    /// The index of a priority code in ``priorities``, or `nil`.
    public func index(of priority: Priority) -> Int? { priorities.index(ofCode: priority.rawValue) }

    // MARK: - Validation

    /// Checks codes, labels, aliases, list sizes and settings.
    ///
    /// - Throws: ``InstrumentError`` listing every problem found, each naming the list and entry.
    public func validate() throws(InstrumentError) {
        var problems: [String] = []
        if name.trimmingASCIIWhitespace().isEmpty { problems.append("name: must not be empty") }
        if version < 1 { problems.append("version: must be 1 or more") }
        func check(_ list: CodeList, _ listName: String, min: Int, max: Int, exactly: Int? = nil) {
            if let exactly, list.count != exactly {
                problems.append("\(listName): must have exactly \(exactly) entries, has \(list.count)")
            } else if list.count < min || list.count > max {
                problems.append("\(listName): must have \(min) to \(max) entries, has \(list.count)")
            }
            var seen: [String: String] = [:]
            var codes = Set<String>()
            for (i, e) in list.entries.enumerated() {
                let place = "\(listName)[\(i)] '\(e.code)'"
                if !codes.insert(e.code).inserted { problems.append("\(place): code appears more than once") }
                if e.code.isEmpty || !e.code.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }) {
                    problems.append("\(place): code must be lower-case ASCII letters, digits or '_'")
                }
                if e.label.trimmingASCIIWhitespace().isEmpty { problems.append("\(place): label must not be empty") }
                for key in [e.code, e.label] + e.aliases {
                    let k = CodeList.normalise(key)
                    if k.isEmpty { problems.append("\(place): an alias is empty"); continue }
                    if let other = seen[k], other != e.code {
                        problems.append("\(place): '\(key)' also names '\(other)'")
                    } else {
                        seen[k] = e.code
                    }
                }
            }
        }
        check(roles, "roles", min: 2, max: 64)
        check(stages, "stages", min: 7, max: 7, exactly: 7)
        check(blockers, "blockers", min: 1, max: 64)
        check(priorities, "priorities", min: 1, max: 64)
        check(directions, "directions", min: 5, max: 5, exactly: 5)
        for extra in Instrument.ownershipExtraCodes where roles.index(of: extra) != nil {
            problems.append("roles: '\(extra)' is reserved for ownership answers")
        }
        if maximumPriorities < 1 || maximumPriorities > priorities.count {
            problems.append("maximum_priorities: must lie in 1...\(Swift.max(1, priorities.count))")
        }
        problems += settings.problems().map { "settings: \($0)" }
        if !problems.isEmpty { throw InstrumentError(problems: problems) }
    }

    private enum CodingKeys: String, CodingKey {
        case name, version, roles, stages, blockers, priorities, directions
        case maximumPriorities = "maximum_priorities", questions, settings
    }

    /// Decodes an instrument; any list or key left out takes the default instrument's value.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Instrument.default
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? d.name
        version = try c.decodeIfPresent(Int.self, forKey: .version) ?? d.version
        roles = try c.decodeIfPresent(CodeList.self, forKey: .roles) ?? d.roles
        stages = try c.decodeIfPresent(CodeList.self, forKey: .stages) ?? d.stages
        blockers = try c.decodeIfPresent(CodeList.self, forKey: .blockers) ?? d.blockers
        priorities = try c.decodeIfPresent(CodeList.self, forKey: .priorities) ?? d.priorities
        directions = try c.decodeIfPresent(CodeList.self, forKey: .directions) ?? d.directions
        maximumPriorities = try c.decodeIfPresent(Int.self, forKey: .maximumPriorities) ?? d.maximumPriorities
        questions = try c.decodeIfPresent([String: String].self, forKey: .questions) ?? d.questions
        settings = try c.decodeIfPresent(AnalysisSettings.self, forKey: .settings) ?? d.settings
    }
}

/// A custom instrument that cannot be used, with every problem found.
public struct InstrumentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One sentence per problem, each naming the list and the entry, for example
    /// `"roles[3] 'cto': 'CTO' also names 'cio'"`.
    public var problems: [String]
    public init(problems: [String]) { self.problems = problems }
    public var description: String { "invalid instrument:\n" + problems.map { "  - " + $0 }.joined(separator: "\n") }
}
