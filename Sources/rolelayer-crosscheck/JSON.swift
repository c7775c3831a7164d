import RoleLayerCore

/// A parsed JSON value: the fixture file's shape, read with `JSONDecoder` (numbers as `Double`).
enum JSON: Decodable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        if let b = try? container.decode(Bool.self) { self = .bool(b); return }
        if let d = try? container.decode(Double.self) { self = .number(d); return }
        if let s = try? container.decode(String.self) { self = .string(s); return }
        if let a = try? container.decode([JSON].self) { self = .array(a); return }
        self = .object(try container.decode([String: JSON].self))
    }

    /// The member `key` of an object; throws ``AdapterError`` when absent.
    subscript(key: String) -> JSON {
        get throws(AdapterError) {
            guard case .object(let o) = self, let v = o[key] else { throw AdapterError("missing key \"\(key)\"") }
            return v
        }
    }

    /// The member `key` of an object, or nil when absent or null.
    func optional(_ key: String) -> JSON? {
        guard case .object(let o) = self, let v = o[key] else { return nil }
        if case .null = v { return nil }
        return v
    }

    var double: Double {
        get throws(AdapterError) {
            guard case .number(let d) = self else { throw AdapterError("expected a number") }
            return d
        }
    }

    var int: Int {
        get throws(AdapterError) {
            let d = try double
            guard let i = Int(exactly: d) else { throw AdapterError("expected an integer, got \(d)") }
            return i
        }
    }

    var bool: Bool {
        get throws(AdapterError) {
            guard case .bool(let b) = self else { throw AdapterError("expected a boolean") }
            return b
        }
    }

    var string: String {
        get throws(AdapterError) {
            guard case .string(let s) = self else { throw AdapterError("expected a string") }
            return s
        }
    }

    var array: [JSON] {
        get throws(AdapterError) {
            guard case .array(let a) = self else { throw AdapterError("expected an array") }
            return a
        }
    }

    var doubles: [Double] { get throws(AdapterError) { try array.map { v throws(AdapterError) in try v.double } } }
    var ints: [Int] { get throws(AdapterError) { try array.map { v throws(AdapterError) in try v.int } } }
    var bools: [Bool] { get throws(AdapterError) { try array.map { v throws(AdapterError) in try v.bool } } }
    /// An array of numbers where null means missing.
    var optionalDoubles: [Double?] {
        get throws(AdapterError) {
            try array.map { v throws(AdapterError) -> Double? in
                if case .null = v { return nil }
                return try v.double
            }
        }
    }
    var doubleMatrix: [[Double]] { get throws(AdapterError) { try array.map { v throws(AdapterError) in try v.doubles } } }
    var optionalDoubleMatrix: [[Double?]] {
        get throws(AdapterError) { try array.map { v throws(AdapterError) in try v.optionalDoubles } }
    }
    var intMatrix: [[Int]] { get throws(AdapterError) { try array.map { v throws(AdapterError) in try v.ints } } }
}

/// A malformed fixture (a bug in the harness, not a statistic that is not available).
struct AdapterError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A JSON value to write. Numbers are written with Swift's shortest round-trip representation, so
/// Python reads back exactly the `Double` the kernel returned; NaN and infinities become null.
indirect enum Output {
    case null
    case number(Double)
    case bool(Bool)
    case string(String)
    case array([Output])
    case object([(String, Output)])

    static func numbers(_ values: [Double]) -> Output { .array(values.map { .number($0) }) }
    static func optionalNumbers(_ values: [Double?]) -> Output { .array(values.map { $0.map(Output.number) ?? .null }) }
    static func matrix(_ values: [[Double]]) -> Output { .array(values.map(numbers)) }
    static func int(_ value: Int) -> Output { .number(Double(value)) }
    static func optional(_ value: Double?) -> Output { value.map(Output.number) ?? .null }

    func write(into text: inout String) {
        switch self {
        case .null: text += "null"
        case .number(let d): text += d.isFinite ? d.description : "null"
        case .bool(let b): text += b ? "true" : "false"
        case .string(let s): Output.writeString(s, into: &text)
        case .array(let a):
            text += "["
            for (i, v) in a.enumerated() {
                if i > 0 { text += "," }
                v.write(into: &text)
            }
            text += "]"
        case .object(let o):
            text += "{"
            for (i, (k, v)) in o.enumerated() {
                if i > 0 { text += "," }
                Output.writeString(k, into: &text)
                text += ":"
                v.write(into: &text)
            }
            text += "}"
        }
    }

    private static func writeString(_ s: String, into text: inout String) {
        text += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\t": text += "\\t"
            case "\r": text += "\\r"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}

/// The values of one fixture: named quantities, each a number, a list, or null where the kernel
/// said "not available" (the reason is kept in `reasons`).
struct Values {
    private(set) var entries: [(String, Output)] = []
    private(set) var reasons: [(String, Output)] = []

    mutating func set(_ key: String, _ value: Output) { entries.append((key, value)) }
    mutating func set(_ key: String, _ value: Double) { entries.append((key, .number(value))) }

    /// Runs a kernel call for one quantity; a thrown `StatisticError` becomes null with its reason.
    mutating func attempt(_ key: String, _ body: () throws(StatisticError) -> Output) {
        do {
            entries.append((key, try body()))
        } catch {
            entries.append((key, .null))
            reasons.append((key, .string(error.reason)))
        }
    }

    var output: Output {
        var o: [(String, Output)] = [("values", .object(entries))]
        if !reasons.isEmpty { o.append(("reasons", .object(reasons))) }
        return .object(o)
    }
}
