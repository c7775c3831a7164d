import Foundation

/// One table of a tidy (long-format) export: named columns and rows of cells.
///
/// Tidy tables are what `rolelayer analyze --format csv` writes, one file per construct, so that
/// pandas (`read_csv`) and R (`read.csv`) load them without reshaping: one row per observation,
/// one column per variable, missing values as empty cells.
public struct TidyTable: Sendable, Hashable {
    /// The table's name, used as its file name (`<name>.csv`).
    public var name: String
    /// Column names, lower-case with underscores.
    public var columns: [String]
    /// Rows; each has exactly `columns.count` cells.
    public var rows: [[TidyCell]]

    /// Creates an empty table.
    public init(name: String, columns: [String]) {
        self.name = name
        self.columns = columns
        self.rows = []
    }

    /// Appends a row; its length must match the columns.
    public mutating func append(_ row: [TidyCell]) {
        precondition(row.count == columns.count, "row of \(row.count) cells for \(columns.count) columns in \(name)")
        rows.append(row)
    }
}

/// One cell of a ``TidyTable``: text, a number (written at full double precision), an integer,
/// a flag, or missing (an empty cell).
public enum TidyCell: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case text(String)
    case number(Double)
    case integer(Int)
    case flag(Bool)
    case missing

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }

    /// A number, or missing when `nil` or not finite.
    public static func number(_ value: Double?) -> TidyCell {
        guard let value, value.isFinite else { return .missing }
        return .number(value)
    }
    /// Text, or missing when `nil`.
    public static func text(_ value: String?) -> TidyCell {
        value.map { .text($0) } ?? .missing
    }
}

/// Writes ``TidyTable``s as RFC 4180 CSV (comma, LF line ends, a header row).
///
/// Values are written as they are (data.md "Exports"); with `excelSafe`, text beginning with
/// `=`, `+`, `-` or `@` is prefixed with an apostrophe so spreadsheets do not run it as a formula.
/// Numbers use Swift's shortest round-trip form (full precision); flags are `TRUE`/`FALSE`, the
/// spelling both R (`read.csv`) and pandas read as logical.
public struct TidyCSVWriter: Sendable {
    /// Prefix formula-like text with `'`.
    public var excelSafe: Bool

    /// A writer; `excelSafe` defaults to off.
    public init(excelSafe: Bool = false) { self.excelSafe = excelSafe }

    /// The CSV text of one table.
    public func csv(_ table: TidyTable) -> String {
        var out = table.columns.map(quote).joined(separator: ",") + "\n"
        for row in table.rows {
            out += row.map(render).joined(separator: ",")
            out += "\n"
        }
        return out
    }

    private func render(_ cell: TidyCell) -> String {
        switch cell {
        case .missing: return ""
        case .integer(let i): return String(i)
        case .flag(let b): return b ? "TRUE" : "FALSE"
        case .number(let d): return d.isFinite ? "\(d)" : ""
        case .text(let s):
            if excelSafe, let f = s.first, "=+-@".contains(f) { return quote("'" + s) }
            return quote(s)
        }
    }

    /// RFC 4180 quoting: a field with a comma, quote, CR or LF is quoted and its quotes doubled.
    func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
