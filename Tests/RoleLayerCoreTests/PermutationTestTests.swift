import PropertyBased
import Testing
@testable import RoleLayerCore

/// The permutation-test helper: the add-one p-value, determinism, label shuffles.
struct PermutationTestTests {
    /// p = (1 + #{permuted >= observed}) / (1 + defined permutations), undefined ones dropped.
    @Test func pValueByHand() throws {
        let r = try PermutationTest.result(observed: 5, permuted: [1, 5, 6, nil, 2, .nan])
        #expect(r.exceedances == 2 && r.undefinedPermutations == 2 && r.permutations == 6)
        #expect(r.pValue == 3.0 / 5.0)
        // Nothing reaches the observed value: the smallest p, 1/(1 + P).
        #expect(try PermutationTest.result(observed: 10, permuted: [1, 2, 3]).pValue == 0.25)
        // Everything does: p = 1.
        #expect(try PermutationTest.result(observed: -1, permuted: [1, 2, 3]).pValue == 1)
    }

    /// A permuted value equal to the observed one up to rounding counts as a tie (>=).
    @Test func roundingTiesCount() throws {
        let observed = 0.1 + 0.2  // 0.30000000000000004
        #expect(try PermutationTest.result(observed: observed, permuted: [0.3]).exceedances == 1)
        #expect(try PermutationTest.result(observed: observed, permuted: [0.2999999]).exceedances == 0)
    }

    /// Not available: no permutations, a NaN observed statistic, every permutation undefined.
    @Test func notAvailable() {
        #expect(throws: StatisticError.self) { try PermutationTest.result(observed: 1, permuted: []) }
        #expect(throws: StatisticError.nonFinite) { try PermutationTest.result(observed: .nan, permuted: [1]) }
        #expect(throws: StatisticError.self) { try PermutationTest.result(observed: 1, permuted: [nil, .infinity]) }
        #expect(throws: StatisticError.self) { try PermutationTest(permutations: 0, seed: 1).run(observed: 1) { _ in 1 } }
    }

    /// Difference of group means of two labels (0 and 1) over fixed values.
    static func meanDifference(_ values: [Double]) -> @Sendable ([Int32]) -> Double? {
        { labels in
            var s = [0.0, 0.0], n = [0.0, 0.0]
            for (i, l) in labels.enumerated() { s[Int(l)] += values[i]; n[Int(l)] += 1 }
            guard n[0] > 0, n[1] > 0 else { return nil }
            return s[1] / n[1] - s[0] / n[0]
        }
    }

    /// Same seed, same result, whatever the number of parallel work items; a clear effect gives a small p.
    @Test func deterministicAndParallelInvariant() throws {
        var g = RandomGenerator(seed: 5)
        let labels: [Int32] = (0..<60).map { $0 < 30 ? 0 : 1 }
        let values = (0..<60).map { Double($0 < 30 ? 0 : 2) + g.nextGaussian() }
        let stat = Self.meanDifference(values)
        let observed = stat(labels)!
        var results = [PermutationTest.Result]()
        for workers in [1, 2, 5, 999] {
            var test = PermutationTest(permutations: 999, seed: 11)
            test.workerCount = workers
            results.append(try test.run(labels: labels, observed: observed, statistic: stat))
        }
        #expect(results.allSatisfy { $0 == results[0] })
        #expect(results[0].pValue == 0.001)  // a 2-SD shift with 30 per group (z about 7.7) is never matched
        let other = try PermutationTest(permutations: 999, seed: 12).run(labels: labels, observed: 0, statistic: stat)
        #expect(other.pValue > 0.3 && other.pValue < 0.7)  // about half of the permuted differences are >= 0
    }

    /// The generator form gives permutation k the generator (seed, stream k).
    @Test func generatorFormUsesStreams() throws {
        let r = try PermutationTest(permutations: 50, seed: 3).run(observed: 0.5) { g in g.nextDouble() }
        var expected = 0
        for k in 0..<50 {
            var g = RandomGenerator(seed: 3, stream: UInt64(k))
            if g.nextDouble() >= 0.5 { expected += 1 }
        }
        #expect(r.exceedances == expected)
        #expect(r.pValue == Double(1 + expected) / 51)
    }

    /// Label permutations keep the multiset of labels; stratified ones keep each stratum's multiset.
    @Test func labelPermutations() throws {
        var g = RandomGenerator(seed: 8)
        let original: [Int32] = [0, 0, 1, 1, 2, 2, 2, 3, 3, 0]
        var labels = original
        PermutationTest.permuteLabels(&labels, using: &g)
        #expect(labels.sorted() == original.sorted())
        #expect(labels != original)
        let strata: [Int32] = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]
        for _ in 0..<20 {
            var l = original
            try PermutationTest.permuteLabels(&l, within: strata, using: &g)
            #expect(Array(l[0..<5]).sorted() == Array(original[0..<5]).sorted())
            #expect(Array(l[5...]).sorted() == Array(original[5...]).sorted())
        }
        var short: [Int32] = [1, 2]
        #expect(throws: StatisticError.self) { try PermutationTest.permuteLabels(&short, within: [0], using: &g) }
    }

    /// Property: the p-value lies in (0, 1] for any data and seed.
    @Test func pValueInUnitInterval() async {
        await propertyCheck(count: 40, input: Gen.int(in: 2...30), Gen.uint64()) { n, seed in
            var g = RandomGenerator(seed: seed)
            let labels: [Int32] = (0..<n).map { Int32($0 % 2) }
            let values = (0..<n).map { _ in g.nextGaussian() }
            let stat = Self.meanDifference(values)
            guard let r = try? PermutationTest(permutations: 99, seed: seed).run(labels: labels, observed: stat(labels)!, statistic: stat) else {
                Issue.record("threw"); return
            }
            #expect(r.pValue > 0 && r.pValue <= 1)
            #expect(r.pValue >= 0.01)
        }
    }
}
