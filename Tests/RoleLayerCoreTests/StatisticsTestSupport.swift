import Testing
@testable import RoleLayerCore

// Shared assertion helpers of the statistics tests (one place: add new helpers here, not in a
// suite's file).

/// Expects `actual` to match a value printed with `decimals` decimals (|a − e| ≤ ½·10^−decimals),
/// the tolerance statistics.md sets for [pub] oracles.
func expectPrinted(
    _ actual: Double?, _ expected: Double, decimals: Int, _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let actual = unwrap(actual, expected, comment, sourceLocation) else { return }
    var tolerance = 0.5
    for _ in 0..<decimals { tolerance /= 10 }
    #expect(abs(actual - expected) <= tolerance * (1 + 1e-9), "\(actual) vs \(expected) (±\(tolerance)) \(comment.map { "\($0)" } ?? "")",
            sourceLocation: sourceLocation)
}

/// Expects `actual` within `relative` relative error of `expected` (absolute when expected is 0);
/// [calc] oracles use 1e-9 for closed forms and 1e-6 for iterative methods.
func expectRelative(
    _ actual: Double?, _ expected: Double, _ relative: Double = 1e-9, _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let actual = unwrap(actual, expected, comment, sourceLocation) else { return }
    let scale = expected == 0 ? 1 : abs(expected)
    #expect(abs(actual - expected) <= relative * scale, "\(actual) vs \(expected) (rel \(relative)) \(comment.map { "\($0)" } ?? "")",
            sourceLocation: sourceLocation)
}

/// Expects two vectors to agree entry by entry within the absolute `tolerance` (and in length).
func expectClose(_ actual: [Double], _ expected: [Double], _ tolerance: Double,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "counts differ: \(actual.count) vs \(expected.count)", sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        #expect(abs(a - e) <= tolerance, "[\(i)] \(a) vs \(e)", sourceLocation: sourceLocation)
    }
}

/// Expects `body` to throw a `StatisticError` equal to `expected`.
func expectStatisticError<T>(
    _ expected: StatisticError, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> T
) {
    do {
        let value = try body()
        Issue.record("expected \(expected), got \(value)", sourceLocation: sourceLocation)
    } catch let error as StatisticError {
        #expect(error == expected, sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected \(expected), got a \(type(of: error))", sourceLocation: sourceLocation)
    }
}

/// Expects `body` to throw some `StatisticError` (any reason).
func expectNotAvailable<T>(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T) {
    do {
        let value = try body()
        Issue.record("expected not available, got \(value)", sourceLocation: sourceLocation)
    } catch let error as StatisticError {
        #expect(!error.reason.isEmpty, sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected a StatisticError, got a \(type(of: error))", sourceLocation: sourceLocation)
    }
}

/// `actual`, or nil after recording "expected …, got nil" (for the helpers taking an optional).
private func unwrap(_ actual: Double?, _ expected: Double, _ comment: Comment?,
                    _ sourceLocation: SourceLocation) -> Double? {
    if actual == nil {
        Issue.record("expected \(expected), got nil \(comment.map { "(\($0))" } ?? "")", sourceLocation: sourceLocation)
    }
    return actual
}
