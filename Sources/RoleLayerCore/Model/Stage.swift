/// An adoption stage of the respondent's own function: an ordinal value 0...6
/// (data.md, "Adoption stages"). Higher is further along.
///
/// The seven values are fixed; an instrument may relabel them or add aliases.
public struct Stage: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The ordinal value, 0 (not started) ... 6 (stabilised).
    public let value: Int

    /// The valid range of ``value``.
    public static let range: ClosedRange<Int> = 0...6

    /// Creates a stage; returns `nil` outside 0...6.
    public init?(_ value: Int) {
        guard Stage.range.contains(value) else { return nil }
        self.value = value
    }

    private init(unchecked value: Int) { self.value = value }

    public static func < (a: Stage, b: Stage) -> Bool { a.value < b.value }
    public var description: String { String(value) }

    public init(from decoder: any Decoder) throws {
        let v = try Int(from: decoder)
        guard let s = Stage(v) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "stage \(v) is outside 0...6"))
        }
        self = s
    }
    public func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }

    /// 0: no organised AI activity in the function.
    public static let notStarted = Stage(unchecked: 0)
    /// 1: assessing options; no hands-on use yet.
    public static let evaluating = Stage(unchecked: 1)
    /// 2: individuals or teams trying tools ad hoc.
    public static let experimenting = Stage(unchecked: 2)
    /// 3: structured pilots with defined success criteria.
    public static let piloting = Stage(unchecked: 3)
    /// 4: at least one AI use case in production use.
    public static let production = Stage(unchecked: 4)
    /// 5: AI deployed across the function's main workflows.
    public static let scaled = Stage(unchecked: 5)
    /// 6: use is predictable, owned and routine.
    public static let stabilised = Stage(unchecked: 6)
}

/// The preferred pace of the organisation's AI programme: -2 (pause) ... 2 (accelerate strongly).
public struct Direction: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The value, -2...2.
    public let value: Int
    /// The valid range of ``value``.
    public static let range: ClosedRange<Int> = -2...2

    /// Creates a direction; returns `nil` outside -2...2.
    public init?(_ value: Int) {
        guard Direction.range.contains(value) else { return nil }
        self.value = value
    }
    private init(unchecked value: Int) { self.value = value }

    public static func < (a: Direction, b: Direction) -> Bool { a.value < b.value }
    public var description: String { String(value) }

    public init(from decoder: any Decoder) throws {
        let v = try Int(from: decoder)
        guard let d = Direction(v) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "direction \(v) is outside -2...2"))
        }
        self = d
    }
    public func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }

    public static let pause = Direction(unchecked: -2)
    public static let slowDown = Direction(unchecked: -1)
    public static let hold = Direction(unchecked: 0)
    public static let accelerate = Direction(unchecked: 1)
    public static let accelerateStrongly = Direction(unchecked: 2)
}

/// The answer to "Who should own AI strategy?": a role, `shared`, or `unclear`.
public enum Ownership: Hashable, Sendable, Codable, CustomStringConvertible {
    case role(Role)
    case shared
    case unclear

    /// The code as written in the canonical record: a role code, `shared` or `unclear`.
    public var code: String {
        switch self {
        case .role(let r): r.rawValue
        case .shared: "shared"
        case .unclear: "unclear"
        }
    }
    public var description: String { code }

    /// Parses a code; anything other than `shared` and `unclear` is taken as a role code.
    public init(code: String) {
        switch code {
        case "shared": self = .shared
        case "unclear": self = .unclear
        default: self = .role(Role(code))
        }
    }
    public init(from decoder: any Decoder) throws { self.init(code: try String(from: decoder)) }
    public func encode(to encoder: any Encoder) throws { try code.encode(to: encoder) }
}
