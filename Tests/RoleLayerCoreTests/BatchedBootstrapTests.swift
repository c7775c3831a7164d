import Testing
@testable import RoleLayerCore

/// The batched cluster bootstrap: the same draws and the same replicate values as the unbatched one.
struct BatchedBootstrapTests {
    /// The mean statistic of ``ClusterBootstrapTests`` in batched form, summing in the same order.
    static func batchedMean(_ sums: [Double], _ counts: [Double])
        -> @Sendable (ReplicateBatch, inout ReplicateBatchOutput, inout Void) -> Void {
        { batch, out, _ in
            var s = SIMD8<Double>(), n = SIMD8<Double>()
            for c in 0..<batch.multiplicities.count {
                let m = batch.multiplicities[c]
                s += m * sums[c]
                n += m * counts[c]
            }
            for lane in 0..<batch.count {
                out[lane: lane, statistic: 0] = n[lane] > 0 ? s[lane] / n[lane] : nil
                out[lane: lane, statistic: 1] = n[lane]
            }
        }
    }

    /// Batched replicates equal the unbatched ones exactly, for B not a multiple of 8 and any thread count.
    @Test func equalsUnbatched() {
        let (sums, counts) = ClusterBootstrapTests.clusters(41, seed: 3)
        for b in [1, 7, 8, 9, 100, 203] {
            let reference = ClusterBootstrap(replicates: b, seed: 5)
                .replicates(clusterCount: 41, statisticCount: 2, statistic: ClusterBootstrapTests.meanStatistic(sums, counts))
            for workers in [1, 2, 5, 64] {
                var boot = ClusterBootstrap(replicates: b, seed: 5)
                boot.workerCount = workers
                let batched = boot.batchedReplicates(clusterCount: 41, statisticCount: 2, scratch: { () },
                                                     statistic: Self.batchedMean(sums, counts))
                #expect(batched == reference, "B = \(b), workers = \(workers)")
            }
        }
    }

    /// Each lane's multiplicities are that replicate's draws: they sum to the cluster count, unused lanes are zero.
    @Test func lanesHoldEachReplicatesDraws() {
        let n = 17
        let m = UnsafeMutableBufferPointer<SIMD8<Double>>.allocate(capacity: n)
        defer { m.deallocate() }
        ClusterBootstrap.draw(into: m, seed: 11, first: 16, count: 5)
        for lane in 0..<8 {
            var expected = [Double](repeating: 0, count: n)
            if lane < 5 {
                var g = RandomGenerator(seed: 11, stream: UInt64(16 + lane))
                for _ in 0..<n { expected[g.nextInt(below: n)] += 1 }
            }
            #expect((0..<n).map { m[$0][lane] } == expected, "lane \(lane)")
            #expect(expected.reduce(0, +) == (lane < 5 ? Double(n) : 0))
        }
    }

    /// Undefined lanes (nil, NaN, infinity) come back as nil; no clusters or B = 0 give all nil.
    @Test func undefinedAndEmpty() {
        let boot = ClusterBootstrap(replicates: 10, seed: 1)
        let values = boot.batchedReplicates(clusterCount: 3, statisticCount: 3, scratch: { () }) { batch, out, _ in
            for lane in 0..<batch.count {
                out[lane: lane, statistic: 0] = Double(batch.first + lane)
                out[lane: lane, statistic: 1] = .infinity
                out.set(statistic: 2, SIMD8(repeating: .nan))
            }
        }
        #expect(values[0] == (0..<10).map { Double($0) })
        #expect(values[1] == [Double?](repeating: nil, count: 10))
        #expect(values[2] == [Double?](repeating: nil, count: 10))
        let empty = boot.batchedReplicates(clusterCount: 0, statisticCount: 2, scratch: { () }) { _, _, _ in }
        #expect(empty == [[Double?]](repeating: [Double?](repeating: nil, count: 10), count: 2))
        let none = ClusterBootstrap(replicates: 0, seed: 1)
            .runBatched(clusterCount: 5, statisticCount: 1, scratch: { () }) { _, _, _ in }
        #expect(none[0].unavailableReason == "bootstrap disabled (B = 0)")
    }
}
