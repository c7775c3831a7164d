/// One coded answer option of the instrument: a lower-case ASCII code, its human label,
/// and other spellings that real exports use for it.
///
/// Codes match `[a-z0-9_]+`. Labels and aliases are matched after ``CodeList/normalise(_:)``.
public struct CodeDefinition: Sendable, Hashable, Codable {
    /// The canonical code, for example `"cto"` or `"roi_uncertainty"`.
    public var code: String
    /// The label shown to people, for example `"Chief Technology Officer"`.
    public var label: String
    /// Other spellings mapped to this code, for example `["CLO", "Head of Legal"]` for `gc`.
    public var aliases: [String]

    /// Creates a definition; `aliases` defaults to none.
    public init(code: String, label: String, aliases: [String] = []) {
        self.code = code
        self.label = label
        self.aliases = aliases
    }

    private enum CodingKeys: String, CodingKey { case code, label, aliases }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        label = try c.decodeIfPresent(String.self, forKey: .label) ?? code.replacingUnderscores()
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
    }
}

/// An ordered list of coded options (roles, stages, blockers, priorities, directions) with a
/// lookup that accepts codes, labels and aliases as data.md's "normalising codes and labels" rule says.
///
/// The position of an entry in ``entries`` is its *index*; analysis code works on indices.
public struct CodeList: Sendable, Codable, Hashable {
    /// The options, in instrument order.
    public let entries: [CodeDefinition]
    private let lookup: [String: Int]

    /// Builds the list and its lookup table. A later duplicate key (code, label or alias that
    /// normalises to an earlier one) does not override the first; ``Instrument/validate()`` reports it.
    public init(_ entries: [CodeDefinition]) {
        self.entries = entries
        var lookup: [String: Int] = [:]
        for (i, e) in entries.enumerated() {
            for key in [e.code, e.label] + e.aliases {
                let k = CodeList.normalise(key)
                if lookup[k] == nil { lookup[k] = i }
            }
        }
        self.lookup = lookup
    }

    public init(from decoder: any Decoder) throws {
        self.init(try [CodeDefinition](from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try entries.encode(to: encoder)
    }

    public static func == (a: CodeList, b: CodeList) -> Bool { a.entries == b.entries }
    public func hash(into h: inout Hasher) { h.combine(entries) }

    /// Number of options.
    public var count: Int { entries.count }
    /// The codes, in order.
    public var codes: [String] { entries.map(\.code) }

    /// The index of the option that `text` names (a code, a label or an alias, after
    /// normalising), or `nil` when it names none.
    public func index(of text: String) -> Int? {
        if let i = lookup[text] { return i }  // fast path: already a code
        return lookup[CodeList.normalise(text)]
    }

    /// The index of the option whose code is exactly `code`.
    public func index(ofCode code: String) -> Int? {
        guard let i = lookup[code], entries[i].code == code else { return nil }
        return i
    }

    /// The label of the option with this code, or the code itself when unknown.
    public func label(of code: String) -> String {
        index(ofCode: code).map { entries[$0].label } ?? code
    }

    /// data.md "Normalising codes and labels": trim, lower-case, collapse inner white space,
    /// and treat spaces and hyphens as underscores. `"Slow-down"`, `" slow  down "` and
    /// `"slow_down"` all give `"slow_down"`.
    public static func normalise(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSeparator = false
        for ch in text.lowercased() {
            if ch.isWhitespace || ch == "-" || ch == "_" {
                if ch == "_" || ch == "-" {
                    // explicit separators are kept as they are (each one underscore)
                    if pendingSeparator && !out.isEmpty { out.append("_") }
                    pendingSeparator = false
                    out.append("_")
                } else {
                    pendingSeparator = true
                }
            } else {
                if pendingSeparator && !out.isEmpty { out.append("_") }
                pendingSeparator = false
                out.append(ch)
            }
        }
        return out
    }
}

extension String {
    /// `"roi_uncertainty"` → `"roi uncertainty"`.
    func replacingUnderscores() -> String {
        String(map { $0 == "_" ? " " : $0 })
    }
}
