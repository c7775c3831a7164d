import Testing
@testable import RoleLayerCore

/// Ordinary least squares: the straight line and the QR multiple regression.
struct RegressionTests {
    /// An exact line is recovered; residual SE is 0 and R² is 1.
    @Test func exactLine() throws {
        let x: [Double] = [0, 1, 2, 3, 4], y = x.map { 3 - 0.5 * $0 }
        let (slope, intercept) = try OrdinaryLeastSquares.slope(x: x, y: y)
        expectRelative(slope, -0.5, 1e-15); expectRelative(intercept, 3, 1e-15)
        let f = try OrdinaryLeastSquares.fit(x: x, y: y)
        #expect(f.residualStandardError! < 1e-15)
        expectRelative(f.rSquared, 1, 1e-15)
    }

    /// Matches scipy `linregress` on a small example (x = 1…5, y = [2, 4, 5, 4, 5]: slope 0.6,
    /// intercept 2.2, slope stderr √0.08, R² 0.6) and the t interval with df 3.
    @Test func matchesLinregress() throws {
        let f = try OrdinaryLeastSquares.fit(x: [1, 2, 3, 4, 5], y: [2, 4, 5, 4, 5])
        expectRelative(f.slope, 0.6, 1e-14); expectRelative(f.intercept, 2.2, 1e-14)
        expectRelative(f.slopeStandardError, 0.28284271247461906, 1e-13)
        expectRelative(f.rSquared, 0.6, 1e-13)
        let ci = try f.slopeInterval()!
        expectRelative(ci.lower, 0.6 - 3.1824463052837078 * 0.28284271247461906, 1e-11)
    }

    /// Weighted fit with integer weights equals the fit on repeated points.
    @Test func weightsActAsReplication() throws {
        let w = try OrdinaryLeastSquares.fit(x: [1, 2, 3], y: [1, 3, 2], weights: [2, 1, 3])
        let r = try OrdinaryLeastSquares.fit(x: [1, 1, 2, 3, 3, 3], y: [1, 1, 3, 2, 2, 2])
        expectRelative(w.slope, r.slope, 1e-14); expectRelative(w.intercept, r.intercept, 1e-14)
    }

    /// QR multiple regression recovers known coefficients and the residual sum of squares.
    @Test func multipleRegression() throws {
        var g = RandomGenerator(seed: 31)
        let n = 50
        let x1 = (0..<n).map { _ in g.nextGaussian() }, x2 = (0..<n).map { _ in g.nextGaussian() }
        let y = (0..<n).map { 1.5 + 2 * x1[$0] - 3 * x2[$0] }
        let f = try OrdinaryLeastSquares.fit(columns: [x1, x2], y: y)
        expectRelative(f.coefficients[0], 2, 1e-12); expectRelative(f.coefficients[1], -3, 1e-12)
        expectRelative(f.coefficients[2], 1.5, 1e-12)
        #expect(f.residualSumOfSquares < 1e-20)
        #expect(f.residualDegreesOfFreedom == 47)
        // One regressor through QR equals the straight-line fit.
        let line = try OrdinaryLeastSquares.fit(x: x1, y: x2)
        let qr = try OrdinaryLeastSquares.fit(columns: [x1], y: x2)
        expectRelative(qr.coefficients[0], line.slope, 1e-12); expectRelative(qr.coefficients[1], line.intercept, 1e-11)
    }

    /// Constant x, too few points, collinear columns and mismatched lengths are not available.
    @Test func errors() {
        expectStatisticError(.zeroVariance) { try OrdinaryLeastSquares.slope(x: [2, 2, 2], y: [1, 2, 3]) }
        expectStatisticError(.tooFew(2, "points")) { try OrdinaryLeastSquares.slope(x: [1], y: [1]) }
        expectStatisticError(.tooFew(2, "points")) { try OrdinaryLeastSquares.slope(x: [], y: []) }
        expectStatisticError(.shape("2 x values but 1 y values")) { try OrdinaryLeastSquares.slope(x: [1, 2], y: [1]) }
        expectStatisticError(.nonFinite) { try OrdinaryLeastSquares.slope(x: [1, .nan], y: [1, 2]) }
        expectStatisticError(StatisticError("design matrix is rank deficient")) {
            try OrdinaryLeastSquares.fit(columns: [[1, 2, 3, 4], [2, 4, 6, 8]], y: [1, 2, 3, 5])
        }
        let two = try? OrdinaryLeastSquares.fit(x: [1, 2], y: [3, 5])
        #expect(two?.slope == 2 && two?.residualStandardError == nil)
    }
}
