import Foundation

/// Encodes result values as JSON: keys sorted (so the same result gives the same bytes), pretty
/// printed, slashes unescaped, numbers at full double precision (constructs.md: no rounding in JSON).
public enum ResultJSON {
    /// The JSON bytes of `value`, ending with a newline.
    ///
    /// - Throws: `EncodingError` when a value cannot be encoded (for example a non-finite number,
    ///   which results never contain: missing values are `null`).
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }
}
