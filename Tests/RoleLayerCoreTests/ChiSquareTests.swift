import Testing
@testable import RoleLayerCore

/// Chi-square test of independence and its effect sizes.
struct ChiSquareTests {
    /// O10 (scipy `chi2_contingency` docstring): statistic, p, dof, expected counts and the G-test.
    @Test func oracleO10Scipy() throws {
        let r = try ChiSquare.independence([[10, 10, 20], [20, 20, 20]])
        expectRelative(r.statistic, 2.7777777777777777, 1e-12)
        expectRelative(r.pValue, 0.24935220877729619, 1e-12)
        #expect(r.degreesOfFreedom == 2)
        for (row, expected) in zip(r.expected, [[12.0, 12, 16], [18, 18, 24]]) {
            for (a, e) in zip(row, expected) { expectRelative(a, e, 1e-14) }
        }
        expectRelative(r.gStatistic, 2.7688587616781319, 1e-12)
        expectRelative(r.gPValue, 0.25046668010954165, 1e-12)
        #expect(r.hasSmallExpected == false)
    }

    /// O10 (scipy `contingency.association`) and O13 (Bergsma): V, Pearson's C, Tschuprow's T,
    /// bias-corrected V on the 4 × 2 table.
    @Test func oracleO10AssociationAndO13Bergsma() throws {
        let r = try ChiSquare.independence([[100, 150], [203, 322], [420, 700], [320, 210]])
        expectRelative(r.statistic, 84.056069, 1e-8)          // [calc] printed to 6 decimals
        expectRelative(r.cramersV, 0.18617813077483678, 1e-12)
        expectRelative(r.pearsonsC, 0.18303298140595667, 1e-12)
        expectRelative(r.tschuprowsT, 0.14146478765062995, 1e-12)
        expectPrinted(r.biasCorrectedCramersV, 0.18286188, decimals: 8)
        expectRelative(r.pValue, 4.137697362586139e-18, 1e-9)  // scipy 1.17
        #expect(r.degreesOfFreedom == 3)
    }

    /// O10 (pingouin heart data): no Yates correction on 2 × 2 tables, χ² = 23.914384 (not 22.717).
    @Test func noContinuityCorrection() throws {
        let r = try ChiSquare.independence([[24, 72], [114, 93]])
        expectPrinted(r.statistic, 23.914384, decimals: 6)
        #expect(abs(r.statistic - 22.717) > 1)
        expectRelative(r.pValue, 1.0071642033238865e-06, 1e-9)
        expectPrinted(r.cramersV, (23.914383914761988 / 303).squareRoot(), decimals: 12)
    }

    /// Adjusted residuals follow Haberman's formula; in a 2 × c table the two rows mirror each other.
    @Test func adjustedResiduals() throws {
        let t: [[Double]] = [[10, 10, 20], [20, 20, 20]]
        let r = try ChiSquare.independence(t)
        let n = 100.0, rows = [40.0, 60], cols = [30.0, 30, 40]
        for i in 0..<2 {
            for j in 0..<3 {
                let e = rows[i] * cols[j] / n
                let z = (t[i][j] - e) / (e * (1 - rows[i] / n) * (1 - cols[j] / n)).squareRoot()
                expectRelative(r.adjustedResiduals[i][j], z, 1e-13)
                expectRelative(r.adjustedResiduals[0][j], -r.adjustedResiduals[1][j], 1e-13)
            }
        }
    }

    /// All-zero rows and columns are dropped; outputs keep the input shape with zeros there.
    @Test func dropsEmptyRowsAndColumns() throws {
        let full = try ChiSquare.independence([[10, 0, 10, 20], [0, 0, 0, 0], [20, 0, 20, 20]])
        let reduced = try ChiSquare.independence([[10, 10, 20], [20, 20, 20]])
        #expect(full.statistic == reduced.statistic)
        #expect(full.degreesOfFreedom == 2)
        #expect(full.keptRows == [0, 2] && full.keptColumns == [0, 2, 3])
        #expect(full.expected[1] == [0, 0, 0, 0] && full.expected[0][1] == 0)
        #expect(full.adjustedResiduals[1] == [0, 0, 0, 0])
        #expect(full.adjustedResiduals[0][3] == reduced.adjustedResiduals[0][2])
    }

    /// Small expected counts are flagged with their share of cells.
    @Test func smallExpectedFlag() throws {
        let r = try ChiSquare.independence([[1, 2], [3, 10]])
        #expect(r.hasSmallExpected)
        #expect(r.smallExpectedShare == 0.75)   // expected 0.75, 2.25, 3.25, 9.75
    }

    /// Bias-corrected V is never above V and is 0 for an independent table; V = 1 for a diagonal table.
    @Test func effectSizeBounds() throws {
        let independent = try ChiSquare.independence([[10, 20], [20, 40]])
        #expect(independent.statistic < 1e-12)
        #expect(independent.biasCorrectedCramersV == 0)
        let diagonal = try ChiSquare.independence([[30, 0, 0], [0, 30, 0], [0, 0, 30]])
        expectRelative(diagonal.cramersV, 1, 1e-14)
        expectRelative(diagonal.tschuprowsT, 1, 1e-14)
        var g = RandomGenerator(seed: 5)
        for _ in 0..<100 {
            let table = (0..<3).map { _ in (0..<4).map { _ in Double(1 + g.nextInt(below: 30)) } }
            let r = try ChiSquare.independence(table)
            #expect(r.cramersV >= 0 && r.cramersV <= 1)
            #expect((r.biasCorrectedCramersV ?? 0) <= r.cramersV + 1e-12)
            #expect(r.pValue >= 0 && r.pValue <= 1)
        }
    }

    /// Empty, single-row, single-column, ragged and negative tables are not available.
    @Test func errors() {
        expectStatisticError(.noData) { try ChiSquare.independence([]) }
        expectStatisticError(.noData) { try ChiSquare.independence([[0, 0], [0, 0]]) }
        let tooSmall = StatisticError("needs at least two non-empty rows and two non-empty columns")
        expectStatisticError(tooSmall) { try ChiSquare.independence([[1, 2, 3]]) }
        expectStatisticError(tooSmall) { try ChiSquare.independence([[1, 0], [4, 0]]) }
        expectStatisticError(.shape("rows of different lengths")) { try ChiSquare.independence([[1, 2], [3]]) }
        expectStatisticError(StatisticError("counts must be non-negative")) { try ChiSquare.independence([[1, -2], [3, 4]]) }
        expectStatisticError(.nonFinite) { try ChiSquare.independence([[1, .nan], [3, 4]]) }
    }
}
