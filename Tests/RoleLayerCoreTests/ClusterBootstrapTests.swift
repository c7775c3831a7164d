import PropertyBased
import Testing
@testable import RoleLayerCore

/// The cluster bootstrap: determinism, thread-count independence, percentiles and "not available".
struct ClusterBootstrapTests {
    /// Per-cluster sums and counts of a toy sample: cluster c has `counts[c]` respondents summing to `sums[c]`.
    static func clusters(_ n: Int, seed: UInt64) -> (sums: [Double], counts: [Double]) {
        var g = RandomGenerator(seed: seed)
        var sums = [Double](), counts = [Double]()
        for _ in 0..<n {
            let k = 1 + g.nextInt(below: 5)
            var s = 0.0
            for _ in 0..<k { s += 10 + g.nextGaussian() }
            sums.append(s)
            counts.append(Double(k))
        }
        return (sums, counts)
    }

    /// The ratio-of-sums mean over resampled clusters, and its count as a second statistic.
    static func meanStatistic(_ sums: [Double], _ counts: [Double])
        -> @Sendable (UnsafeBufferPointer<Int32>, inout [Double?]) -> Void {
        { m, out in
            var s = 0.0, n = 0.0
            for c in 0..<m.count where m[c] != 0 {
                s += Double(m[c]) * sums[c]
                n += Double(m[c]) * counts[c]
            }
            out[0] = n > 0 ? s / n : nil
            out[1] = n
        }
    }

    /// The same seed gives identical replicates; another seed gives different ones.
    @Test func deterministicForASeed() {
        let (sums, counts) = Self.clusters(50, seed: 1)
        let a = ClusterBootstrap(replicates: 200, seed: 7).replicates(clusterCount: 50, statisticCount: 2, statistic: Self.meanStatistic(sums, counts))
        let b = ClusterBootstrap(replicates: 200, seed: 7).replicates(clusterCount: 50, statisticCount: 2, statistic: Self.meanStatistic(sums, counts))
        let c = ClusterBootstrap(replicates: 200, seed: 8).replicates(clusterCount: 50, statisticCount: 2, statistic: Self.meanStatistic(sums, counts))
        #expect(a == b)
        #expect(a != c)
        #expect(a.count == 2 && a[0].count == 200)
    }

    /// Results are byte-identical whatever the number of parallel work items (1, 2, 3, 7, 64, B).
    @Test func identicalForAnyConcurrency() {
        let (sums, counts) = Self.clusters(37, seed: 2)
        var reference: [[Double?]]?
        for workers in [1, 2, 3, 7, 64, 101] {
            var boot = ClusterBootstrap(replicates: 101, seed: 99)
            boot.workerCount = workers
            let r = boot.replicates(clusterCount: 37, statisticCount: 2, statistic: Self.meanStatistic(sums, counts))
            if let reference { #expect(r == reference, "workers = \(workers)") } else { reference = r }
        }
    }

    /// Replicate b draws its multiplicities from stream b with nextInt(below:); they sum to the cluster count.
    @Test func replicateUsesItsOwnStream() {
        let n = 13
        let boot = ClusterBootstrap(replicates: 5, seed: 42)
        // Encode the multiplicity vector of each replicate in one number (base 16 is enough: at most 13).
        let raw = boot.replicates(clusterCount: n, statisticCount: 2) { m, out in
            var code = 0.0, total = 0
            for c in 0..<m.count { code = code * 16 + Double(m[c]); total += Int(m[c]) }
            out[0] = code
            out[1] = Double(total)
        }
        for b in 0..<5 {
            var g = RandomGenerator(seed: 42, stream: UInt64(b))
            var m = [Int](repeating: 0, count: n)
            for _ in 0..<n { m[g.nextInt(below: n)] += 1 }
            let code = m.reduce(0.0) { $0 * 16 + Double($1) }
            #expect(raw[0][b] == code)
            #expect(raw[1][b] == Double(n))
        }
    }

    /// For 400 clusters with mean 10 and unit-variance respondents, the 95% interval of the mean
    /// contains 10 and has about the normal-theory width (2 x 1.96 x SE).
    @Test func intervalContainsTheTruth() throws {
        let (sums, counts) = Self.clusters(400, seed: 3)
        let summary = ClusterBootstrap(replicates: 1000, seed: 20260101)
            .run(clusterCount: 400, statisticCount: 2, statistic: Self.meanStatistic(sums, counts))[0]
        let lower = try #require(summary.lower), upper = try #require(summary.upper)
        #expect(lower < 10 && 10 < upper)
        let n = counts.reduce(0, +)
        let width = upper - lower, expected = 2 * 1.959964 / n.squareRoot()
        #expect(abs(width / expected - 1) < 0.25, "width \(width), expected about \(expected)")
        #expect(summary.undefinedReplicates == 0 && summary.replicates == 1000 && summary.isAvailable)
        let mean = try #require(summary.replicateMean)
        #expect(abs(mean - sums.reduce(0, +) / n) < 0.01)
    }

    /// Percentiles are type-7 quantiles of the defined values: 1...10 gives 1.225 and 9.775 at 95%.
    @Test func percentilesByHand() throws {
        let boot = ClusterBootstrap(replicates: 10, seed: 0)
        let s = boot.summarise((1...10).map { Double($0) })
        #expect(s.lower == 1.225)
        #expect(abs(s.upper! - 9.775) < 1e-12)
        #expect(s.replicateMean == 5.5)
        // 90% level on 0, 10, 20, 30, 40 (shuffled): h = 4 x 0.05 = 0.2 -> 2; h = 3.8 -> 38.
        let s90 = ClusterBootstrap(replicates: 5, seed: 0, confidenceLevel: 0.90).summarise([30, 0, 40, 10, 20])
        #expect(abs(s90.lower! - 2) < 1e-12 && abs(s90.upper! - 38) < 1e-12)
        // One value: both bounds are that value.
        let one = ClusterBootstrap(replicates: 1, seed: 0).summarise([3.5])
        #expect(one.lower == 3.5 && one.upper == 3.5)
    }

    /// Undefined replicates (nil or NaN) are dropped and counted; exactly 10% still gives an interval.
    @Test func undefinedReplicatesAreDroppedAndCounted() {
        let boot = ClusterBootstrap(replicates: 10, seed: 0)
        var values: [Double?] = (1...9).map { Double($0) }
        values.append(nil)
        let s = boot.summarise(values)
        #expect(s.isAvailable && s.undefinedReplicates == 1 && s.replicateMean == 5)
        values[0] = .nan
        let t = boot.summarise(values)
        #expect(t.unavailableReason == "more than 10% of replicates undefined")
        #expect(t.undefinedReplicates == 2 && t.lower == nil && t.upper == nil && t.replicateMean == nil)
        let lax = ClusterBootstrap(replicates: 10, seed: 0, maximumUndefinedShare: 0.25).summarise(values)
        #expect(lax.isAvailable && lax.undefinedReplicates == 2)
        let odd = ClusterBootstrap(replicates: 10, seed: 0, maximumUndefinedShare: 0.025).summarise(values)
        #expect(odd.unavailableReason == "more than 2.5% of replicates undefined")
    }

    /// B = 0 disables the bootstrap: every summary says so and there are no replicates.
    @Test func disabledWithZeroReplicates() {
        let boot = ClusterBootstrap(replicates: 0, seed: 1)
        let s = boot.run(clusterCount: 10, statisticCount: 3) { _, out in out[0] = 1 }
        #expect(s.count == 3)
        for x in s {
            #expect(x.unavailableReason == "bootstrap disabled (B = 0)")
            #expect(x.replicates == 0 && x.undefinedReplicates == 0 && x.lower == nil)
        }
        #expect(boot.replicates(clusterCount: 10, statisticCount: 2) { _, _ in } == [[], []])
    }

    /// A statistic undefined in every replicate (or no clusters at all) is "not available".
    @Test func allUndefined() {
        let boot = ClusterBootstrap(replicates: 50, seed: 1)
        let s = boot.run(clusterCount: 10, statisticCount: 2) { _, out in out[1] = .infinity }
        for x in s {
            #expect(x.unavailableReason == "more than 10% of replicates undefined")
            #expect(x.undefinedReplicates == 50 && x.replicates == 50)
        }
        let all = ClusterBootstrap(replicates: 50, seed: 1, maximumUndefinedShare: 1).run(clusterCount: 0, statisticCount: 1) { _, out in out[0] = 1 }
        #expect(all[0].unavailableReason == "no defined replicates")
    }

    /// The scratch overload gives the same replicates as the plain one, here with main's
    /// `ClusterSums.means` reusing per-worker buffers, for any worker count.
    @Test func scratchOverloadMatches() {
        var g = RandomGenerator(seed: 6)
        var sums = ClusterSums(clusterCount: 40, groupCount: 3)
        for _ in 0..<300 { sums.add(cluster: g.nextInt(below: 40), group: g.nextInt(below: 3), value: g.nextDouble() * 100, weight: 1) }
        let frozen = sums
        let plain = ClusterBootstrap(replicates: 64, seed: 5).replicates(clusterCount: 40, statisticCount: 3) { m, out in
            var s = [Double](repeating: 0, count: 3), w = s
            frozen.means(multiplicities: m, into: &out, sums: &s, weights: &w)
        }
        for workers in [1, 3, 64] {
            var boot = ClusterBootstrap(replicates: 64, seed: 5)
            boot.workerCount = workers
            let scratch = boot.replicates(clusterCount: 40, statisticCount: 3,
                                          scratch: { ([Double](repeating: 0, count: 3), [Double](repeating: 0, count: 3)) }) { m, out, buffers in
                frozen.means(multiplicities: m, into: &out, sums: &buffers.0, weights: &buffers.1)
            }
            #expect(scratch == plain)
        }
        let summaries = ClusterBootstrap(replicates: 64, seed: 5).run(clusterCount: 40, statisticCount: 3,
                                                                      scratch: { ([0.0, 0, 0], [0.0, 0, 0]) }) { m, out, b in
            frozen.means(multiplicities: m, into: &out, sums: &b.0, weights: &b.1)
        }
        #expect(summaries.count == 3 && summaries.allSatisfy { $0.isAvailable })
    }

    /// Property: for random cluster counts, seeds and B, two runs agree and multiplicities sum to the cluster count.
    @Test func determinismProperty() async {
        await propertyCheck(count: 40, input: Gen.int(in: 1...60), Gen.int(in: 1...40), Gen.uint64()) { n, b, seed in
            let f: @Sendable (UnsafeBufferPointer<Int32>, inout [Double?]) -> Void = { m, out in
                var total = 0, weighted = 0
                for c in 0..<m.count { total += Int(m[c]); weighted += (c + 1) * Int(m[c]) }
                out[0] = Double(total)
                out[1] = Double(weighted)
            }
            var one = ClusterBootstrap(replicates: b, seed: seed)
            one.workerCount = 1
            let x = one.replicates(clusterCount: n, statisticCount: 2, statistic: f)
            let y = ClusterBootstrap(replicates: b, seed: seed).replicates(clusterCount: n, statisticCount: 2, statistic: f)
            #expect(x == y)
            #expect(x[0].allSatisfy { $0 == Double(n) })
        }
    }
}
