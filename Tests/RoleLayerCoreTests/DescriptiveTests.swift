import Testing
@testable import RoleLayerCore

/// Weighted moments, compensated sums and quantiles.
struct DescriptiveTests {
    // MARK: - WeightedMoments

    /// Unit weights give the ordinary mean and the sample (n − 1) variance.
    @Test func unitWeightsGiveSampleVariance() throws {
        let m = try WeightedMoments([4, 4, 5, 3, 4])
        #expect(m.count == 5)
        expectRelative(m.mean, 4)
        expectRelative(try m.variance(), 0.5)          // O20: s² = 0.5
        expectRelative(try m.populationVariance(), 0.4)
        expectRelative(m.sumOfWeights, 5)
    }

    /// Weights follow the documented reliability-weight rule M2/(W − Σw²/W), invariant to scaling.
    @Test func weightedVarianceRule() throws {
        let x = [1.0, 2, 4, 7], w = [1.0, 2, 3, 4]
        let m = try WeightedMoments(x, weights: w)
        let W = 10.0, mean = (1 + 4 + 12 + 28) / W
        var m2 = 0.0
        for i in 0..<4 { m2 += w[i] * (x[i] - mean) * (x[i] - mean) }
        expectRelative(m.mean, mean, 1e-14)
        expectRelative(try m.variance(), m2 / (W - 30 / W), 1e-14)
        let scaled = try WeightedMoments(x, weights: w.map { $0 * 37.5 })
        expectRelative(try scaled.variance(), try m.variance(), 1e-13)
        // Equal non-unit weights give the unweighted n − 1 variance.
        let equal = try WeightedMoments(x, weights: [2.5, 2.5, 2.5, 2.5])
        expectRelative(try equal.variance(), try WeightedMoments(x).variance(), 1e-14)
    }

    /// Moments do not depend on the order of the observations (seeded shuffles).
    @Test func permutationInvariance() throws {
        var g = RandomGenerator(seed: 7)
        for trial in 0..<50 {
            let n = 1 + g.nextInt(below: 60)
            var pairs = (0..<n).map { _ in (1000 + 10 * g.nextGaussian(), 0.1 + 3 * g.nextDouble()) }
            let a = try WeightedMoments(pairs.map(\.0), weights: pairs.map(\.1))
            g.shuffle(&pairs)
            let b = try WeightedMoments(pairs.map(\.0), weights: pairs.map(\.1))
            expectRelative(b.mean, a.mean!, 1e-13, "trial \(trial)")
            if n >= 2 { expectRelative(try b.variance(), try a.variance(), 1e-9, "trial \(trial)") }
            #expect(a.count == b.count)
        }
    }

    /// Merging partial states (Chan et al.) equals adding everything to one state.
    @Test func mergeEqualsSequentialAdd() throws {
        var g = RandomGenerator(seed: 11)
        for trial in 0..<50 {
            let n = 2 + g.nextInt(below: 80)
            let x = (0..<n).map { _ in 5 + 2 * g.nextGaussian() }
            let w = (0..<n).map { _ in g.nextDouble() < 0.1 ? 0 : g.nextDouble() * 2 }
            var whole = WeightedMoments()
            for i in 0..<n { whole.add(x[i], weight: w[i]) }
            // Split into up to 4 chunks, merge in a shuffled order.
            var chunks = [WeightedMoments](repeating: WeightedMoments(), count: 4)
            for i in 0..<n { chunks[g.nextInt(below: 4)].add(x[i], weight: w[i]) }
            g.shuffle(&chunks)
            var merged = WeightedMoments()
            for c in chunks { merged.merge(c) }
            #expect(merged.count == whole.count)
            expectRelative(merged.sumOfWeights, whole.sumOfWeights, 1e-13)
            if let m = whole.mean { expectRelative(merged.mean, m, 1e-12, "trial \(trial)") }
            if let v = try? whole.variance() { expectRelative(try merged.variance(), v, 1e-10, "trial \(trial)") }
        }
    }

    /// Large offsets keep full precision (no Σx² − n·x̄² cancellation).
    @Test func numericallyStableAtLargeOffset() throws {
        let m = try WeightedMoments([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])
        expectRelative(try m.variance(), 30, 1e-9)
    }

    /// Edge cases: empty, n = 1, zero variance, zero weights, non-finite input.
    @Test func edgeCases() throws {
        let empty = WeightedMoments()
        #expect(empty.mean == nil)
        expectStatisticError(.noData) { try empty.variance() }
        let one = try WeightedMoments([3])
        #expect(one.mean == 3)
        expectStatisticError(.tooFew(2, "observations with positive weight")) { try one.variance() }
        let constant = try WeightedMoments([2, 2, 2, 2])
        #expect(try constant.variance() == 0)
        var zero = WeightedMoments()
        zero.add(5, weight: 0)
        #expect(zero.count == 1)
        #expect(zero.mean == nil)
        var poisoned = WeightedMoments()
        poisoned.add(1); poisoned.add(.nan); poisoned.add(2, weight: -1)
        #expect(poisoned.rejectedCount == 2)
        #expect(poisoned.mean == nil)
        expectStatisticError(.nonFinite) { try poisoned.variance() }
        expectStatisticError(.nonFinite) { try WeightedMoments([1, .infinity]) }
        expectStatisticError(.nonFinite) { try WeightedMoments([.nan, .nan, .nan]) }   // all missing
        expectStatisticError(.shape("2 values but 1 weights")) { try WeightedMoments([1, 2], weights: [1]) }
    }

    /// Neumaier compensation recovers terms a naive sum loses.
    @Test func compensatedSum() {
        var s = CompensatedSum()
        for x in [1.0, 1e100, 1.0, -1e100] { s.add(x) }
        #expect(s.value == 2)
        var tenth = CompensatedSum()
        for _ in 0..<1_000_000 { tenth.add(0.1) }
        #expect(abs(tenth.value - 100_000) < 1e-9)
        #expect(CompensatedSum.sum([]) == 0)
    }

    // MARK: - Quantile

    /// Type-7 quantiles match R/numpy on a small example, including both ends.
    @Test func type7Values() throws {
        let x = [7.0, 1, 3, 10, 5]   // sorted 1 3 5 7 10
        #expect(try Quantile.type7(x, 0) == 1)
        #expect(try Quantile.type7(x, 1) == 10)
        #expect(try Quantile.type7(x, 0.25) == 3)
        expectRelative(try Quantile.type7(x, 0.9), 8.8, 1e-14)    // numpy.quantile([1,3,5,7,10], .9)
        #expect(try Quantile.median(x) == 5)
        #expect(try Quantile.median([4, 1, 3, 2]) == 2.5)           // even count: mean of the middle two
        #expect(try Quantile.type7([1, 2, 3, 4], [0.25, 0.75]) == [1.75, 3.25])
        #expect(try Quantile.median([42]) == 42)
    }

    /// Quantiles stay within the data's range and are monotone in p (seeded draws).
    @Test func type7BoundsAndMonotone() throws {
        var g = RandomGenerator(seed: 3)
        for _ in 0..<200 {
            let n = 1 + g.nextInt(below: 30)
            let x = (0..<n).map { _ in g.nextGaussian() }
            let p1 = g.nextDouble(), p2 = g.nextDouble()
            let q1 = try Quantile.type7(x, min(p1, p2)), q2 = try Quantile.type7(x, max(p1, p2))
            #expect(q1 >= x.min()! && q2 <= x.max()!)
            #expect(q1 <= q2)
        }
    }

    /// type7 over a compressed sample (distinct values with multiplicities, read by position) equals type7 of
    /// the expanded sorted list bit for bit, and reads only the positions type7Positions names.
    @Test func type7ByPositionMatchesExpanded() {
        var g = RandomGenerator(seed: 8)
        for _ in 0..<300 {
            let distinct = (0..<(1 + g.nextInt(below: 12))).map { _ in g.nextGaussian() }.sorted()
            let repeats = distinct.map { _ in g.nextInt(below: 4) }  // 0 = absent from this sample
            var expanded: [Double] = []
            for (v, r) in zip(distinct, repeats) { expanded += Array(repeating: v, count: r) }
            guard !expanded.isEmpty else { continue }
            for p in [0, 0.25, 0.5, 0.75, 1, g.nextDouble()] {
                var read: [Int] = []
                let q = Quantile.type7(count: expanded.count, p) { position in read.append(position); return expanded[position] }
                #expect(q == Quantile.type7(sorted: expanded, p))
                #expect(Set(read) == Set(Quantile.type7Positions(count: expanded.count, p)))
            }
        }
        #expect(Quantile.type7Positions(count: 5, 0.9) == [3, 4])
        #expect(Quantile.type7Positions(count: 5, 1) == [4])
        #expect(Quantile.type7Positions(count: 1, 0.5) == [0])
    }

    /// The weighted lower median is the smallest value whose cumulative weight reaches half.
    @Test func weightedLowerMedian() throws {
        #expect(try Quantile.weightedLowerMedian([1, 2], weights: [1, 1]) == 1)
        #expect(try Quantile.weightedLowerMedian([4, 1, 3, 2], weights: [1, 1, 1, 1]) == 2)
        #expect(try Quantile.weightedLowerMedian([1, 2, 3], weights: [1, 1, 1]) == 2)
        #expect(try Quantile.weightedLowerMedian([0, 3, 6], weights: [0.2, 0.2, 0.6]) == 6)
        #expect(try Quantile.weightedLowerMedian([0, 3, 6], weights: [0.3, 0.2, 0.5]) == 3)
        #expect(try Quantile.weightedLowerMedian([5, 1], weights: [0, 2]) == 1)
        // Fractional weights summing to the half exactly in real arithmetic.
        #expect(try Quantile.weightedLowerMedian([1, 2, 3, 4], weights: [0.1, 0.2, 0.3, 0.4]) == 3)
        #expect(try Quantile.weightedLowerMedian([1, 2, 3], weights: [0.1, 0.4, 0.5]) == 2)
        // Ten weights of 0.1 sum to 0.9999999999999999: the fifth value still reaches the half.
        let tenths = [Double](repeating: 0.1, count: 10)
        #expect(try Quantile.weightedLowerMedian((1...10).map(Double.init), weights: tenths) == 5)
    }

    /// Quantile errors: empty, NaN, p out of range, bad weights.
    @Test func quantileErrors() {
        expectStatisticError(.noData) { try Quantile.type7([], 0.5) }
        expectStatisticError(.nonFinite) { try Quantile.median([1, .nan, 2]) }
        expectStatisticError(.nonFinite) { try Quantile.median([.nan, .nan]) }
        expectStatisticError(StatisticError("p must be in 0...1")) { try Quantile.type7([1, 2], 1.5) }
        expectStatisticError(StatisticError("p must be in 0...1")) { try Quantile.type7([1, 2], .nan) }
        expectStatisticError(.noData) { try Quantile.weightedLowerMedian([1, 2], weights: [0, 0]) }
        expectStatisticError(.noData) { try Quantile.weightedLowerMedian([], weights: []) }
        expectStatisticError(.nonFinite) { try Quantile.weightedLowerMedian([1, 2], weights: [1, -1]) }
        expectNotAvailable { try Quantile.weightedLowerMedian([1, 2], weights: [1]) }
    }
}
