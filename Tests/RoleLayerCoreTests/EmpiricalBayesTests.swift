import Testing
@testable import RoleLayerCore

/// Empirical-Bayes shrinkage of group means: a hand-checked case, the τ² = 0 floor, bounds and edge cases.
struct EmpiricalBayesTests {
    /// Means 10, 20, 30 with s²/n = 1 each: Var = 100, τ² = 99, B = 0.99, shrunk 10.1, 20, 29.9.
    @Test func handChecked() throws {
        let r = try EmpiricalBayes.estimate(means: [10, 20, 30], variances: [4, 4, 4], counts: [4, 4, 4])
        #expect(r.grandMean == 20)
        #expect(abs(r.betweenVariance - 99) < 1e-12)
        for (shrunk, expected) in zip(r.means, [10.1, 20, 29.9]) { #expect(abs(shrunk - expected) < 1e-12) }
        #expect(r.factors.allSatisfy { abs($0 - 0.99) < 1e-12 })
    }

    /// When the means vary less than their sampling noise, τ² = 0 and every mean goes to the grand mean.
    @Test func fullShrinkage() throws {
        let shrunk = try EmpiricalBayes.shrink(means: [1, 1.5], variances: [8, 8], counts: [2, 2])
        #expect(shrunk == [1.25, 1.25])
    }

    /// Unequal noise shrinks the noisier group more; a group without sampling variance keeps its mean.
    @Test func unequalNoise() throws {
        let r = try EmpiricalBayes.estimate(means: [0, 10, 20], variances: [25, 25, 0], counts: [1, 25, 5])
        #expect(r.factors[0] < r.factors[1])
        #expect(r.factors[2] == 1 && r.means[2] == 20)
    }

    /// Shrunk means lie between each raw mean and the grand mean, so the range never grows (random cases).
    @Test func shrinkageNeverExpands() throws {
        var rng = RandomGenerator(seed: 3)
        for _ in 0..<200 {
            let r = 2 + rng.nextInt(below: 9)
            let means = (0..<r).map { _ in rng.nextGaussian() * 5 }
            let variances = (0..<r).map { _ in 20 * rng.nextDouble() }
            let counts = (0..<r).map { _ in 1 + rng.nextInt(below: 30) }
            let s = try EmpiricalBayes.estimate(means: means, variances: variances, counts: counts)
            for i in 0..<r {
                #expect(0...1 ~= s.factors[i])
                #expect(abs(s.means[i] - s.grandMean) <= abs(means[i] - s.grandMean) + 1e-12)
            }
            #expect(s.means.max()! - s.means.min()! <= means.max()! - means.min()! + 1e-12)
        }
    }

    /// One group, mismatched lengths, zero counts, negative variances and NaN are rejected.
    @Test func notAvailable() {
        #expect(throws: StatisticError.tooFew(2, "groups")) { try EmpiricalBayes.shrink(means: [1], variances: [1], counts: [3]) }
        #expect(throws: StatisticError.tooFew(2, "groups")) { try EmpiricalBayes.shrink(means: [], variances: [], counts: []) }
        #expect(throws: StatisticError.self) { try EmpiricalBayes.shrink(means: [1, 2], variances: [1], counts: [3, 3]) }
        #expect(throws: StatisticError.self) { try EmpiricalBayes.shrink(means: [1, 2], variances: [1, 1], counts: [0, 3]) }
        #expect(throws: StatisticError.self) { try EmpiricalBayes.shrink(means: [1, 2], variances: [1, -1], counts: [3, 3]) }
        #expect(throws: StatisticError.nonFinite) { try EmpiricalBayes.shrink(means: [1, .nan], variances: [1, 1], counts: [3, 3]) }
    }
}
