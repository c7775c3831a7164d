import Testing
@testable import RoleLayerCore

/// Raking (iterative proportional fitting) and Kish weight diagnostics: oracle O19 and the errors.
struct RakingTests {
    /// O19 [calc]: the ipfn 2-D example converges to the unique minimum-KL table, to 1e-6.
    @Test func oracleO19Table() throws {
        let fitted = try Raking.fitTable(seed: [[8, 4, 6, 7], [3, 6, 5, 2], [9, 11, 3, 1]],
                                         rowTargets: [20, 18, 22], columnTargets: [18, 16, 12, 14])
        let expected: [[Double]] = [[5.579361, 2.162467, 3.891874, 8.366298],
                                    [3.433200, 5.322603, 5.321828, 3.922370],
                                    [8.987439, 8.514931, 2.786299, 1.711332]]
        for r in 0..<3 { expectClose(fitted[r], expected[r], 1e-6) }
        // The margins are met.
        expectClose(fitted.map { $0.reduce(0, +) }, [20, 18, 22], 1e-8)
        expectClose((0..<4).map { c in fitted.reduce(0) { $0 + $1[c] } }, [18, 16, 12, 14], 1e-8)
    }

    /// O19 [calc]: Kish diagnostics of w = [1, 1, 2, 2, 4]: n_eff = 3.846154, deff_w = 1.3.
    @Test func oracleO19Kish() throws {
        let d = try WeightDiagnostics(weights: [1, 1, 2, 2, 4])
        #expect(abs(d.effectiveSampleSize - 100.0 / 26) < 1e-12 && abs(d.effectiveSampleSize - 3.846154) < 5e-7)
        #expect(abs(d.designEffect - 1.3) < 1e-12)
        #expect(abs(d.coefficientOfVariation - 0.3.squareRoot()) < 1e-12)
        #expect(d.count == 5 && d.sumOfWeights == 10)
        let equal = try WeightDiagnostics(weights: [2, 2, 2])
        #expect(equal.designEffect == 1 && equal.effectiveSampleSize == 3)
    }

    /// Respondent-level raking on three margins meets every target; weights that already fit take 0 sweeps.
    @Test func respondentRaking() throws {
        var g = RandomGenerator(seed: 19)
        let n = 500
        let industry = (0..<n).map { _ in g.nextInt(below: 4) }
        let size = (0..<n).map { _ in g.nextInt(below: 3) }
        let region = (0..<n).map { _ in g.nextInt(below: 2) }
        let base = (0..<n).map { _ in 0.5 + g.nextDouble() }
        let targets: [[Double]] = [[100, 300, 400, 200], [500, 300, 200], [600, 400]]
        let r = try Raking.rake(baseWeights: base, categories: [industry, size, region], targets: targets)
        #expect(r.maximumRelativeError < 1e-10 && r.sweeps > 0)
        for (m, cats) in [industry, size, region].enumerated() {
            var totals = [Double](repeating: 0, count: targets[m].count)
            for i in 0..<n { totals[cats[i]] += r.weights[i] }
            expectClose(totals, targets[m], 1e-7)
        }
        let fit = try Raking.rake(baseWeights: [1, 1, 1, 1], categories: [[0, 0, 1, 1]], targets: [[2, 2]])
        #expect(fit.sweeps == 0 && fit.weights == [1, 1, 1, 1])
        // A zero base weight stays zero.
        let z = try Raking.rake(baseWeights: [0, 1, 1, 1], categories: [[0, 0, 1, 1]], targets: [[3, 3]])
        #expect(z.weights == [0, 3, 1.5, 1.5])
    }

    /// Errors, never silent weights: inconsistent margins, an empty category, unreachable targets, bad input.
    @Test func errors() {
        // Margin totals 4 and 5.
        #expect(throws: StatisticError.self) {
            try Raking.rake(baseWeights: [1, 1, 1], categories: [[0, 1, 1], [0, 0, 1]], targets: [[2, 2], [2, 3]])
        }
        // Category 2 of margin 0 has nobody (or only zero-weight respondents).
        #expect(throws: StatisticError.self) {
            try Raking.rake(baseWeights: [1, 1, 1], categories: [[0, 1, 1]], targets: [[1, 1, 1]])
        }
        #expect(throws: StatisticError.self) {
            try Raking.rake(baseWeights: [1, 0, 1], categories: [[0, 1, 2]], targets: [[1, 1, 1]])
        }
        // Structural zeros make the targets unreachable: cell (0,0) must be 1 and 2 at once.
        #expect(throws: StatisticError.self) {
            try Raking.fitTable(seed: [[1, 0], [0, 1]], rowTargets: [1, 2], columnTargets: [2, 1], maximumIterations: 200)
        }
        #expect(throws: StatisticError.noData) { try Raking.rake(baseWeights: [], categories: [[]], targets: [[1]]) }
        #expect(throws: StatisticError.nonFinite) { try Raking.rake(baseWeights: [.nan], categories: [[0]], targets: [[1]]) }
        #expect(throws: StatisticError.self) { try Raking.rake(baseWeights: [1], categories: [[1]], targets: [[1]]) }
        #expect(throws: StatisticError.self) { try Raking.rake(baseWeights: [1, 1], categories: [[0, 1]], targets: [[1, 0]]) }
        #expect(throws: StatisticError.self) { try Raking.fitTable(seed: [[1, 2], [3]], rowTargets: [1, 1], columnTargets: [1, 1]) }
        #expect(throws: StatisticError.noData) { try WeightDiagnostics(weights: []) }
        #expect(throws: StatisticError.self) { try WeightDiagnostics(weights: [0, 0]) }
        #expect(throws: StatisticError.self) { try WeightDiagnostics(weights: [1, -1, 2]) }
        do {
            _ = try Raking.rake(baseWeights: [1, 1, 1], categories: [[0, 1, 1], [0, 0, 1]], targets: [[2, 2], [2, 3]])
        } catch {
            #expect(error.reason.contains("inconsistent"))
        }
    }
}
