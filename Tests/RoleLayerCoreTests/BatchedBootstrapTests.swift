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
        var counts = [SIMD8<UInt8>]()
        // countLimit 1 sends the batch to the direct count (a cluster drawn twice); both paths agree.
        for countLimit: UInt8 in [.max, 1] {
        ClusterBootstrap.draw(into: m, seed: 11, first: 16, count: 5, counts: &counts, countLimit: countLimit)
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

/// The sparse replicate stream and the per-cluster group totals in batched form.
struct BatchedSumsTests {
    /// Each lane of `ReplicateStream.accumulate` is Σ m·v and Σ m over the key's entries of that replicate.
    @Test func replicateStreamLanes() {
        // Three clusters; cluster 0 has keys 0 and 1, cluster 1 key 1, cluster 2 keys 0 and 2.
        let stream = ReplicateStream(keyCount: 3, start: [0, 2, 3, 5], keys: [0, 1, 1, 0, 2], values: [1.5, 2, -4, 0.25, 8])
        let m = UnsafeMutableBufferPointer<SIMD8<Double>>.allocate(capacity: 3)
        defer { m.deallocate() }
        var drawCounts = [SIMD8<UInt8>]()
        ClusterBootstrap.draw(into: m, seed: 3, first: 0, count: 8, counts: &drawCounts)
        let batch = ReplicateBatch(first: 0, count: 8, multiplicities: UnsafeBufferPointer(m))
        var sums = [SIMD8<Double>](repeating: SIMD8(repeating: 99), count: 3)
        var counts = sums
        sums.withUnsafeMutableBufferPointer { s in
            counts.withUnsafeMutableBufferPointer { n in
                var scratch = [SIMD8<Double>]()
                stream.accumulate(batch, sums: s, counts: n, include: [true, true, false], scratch: &scratch)
            }
        }
        for lane in 0..<8 {
            let k = (0..<3).map { m[$0][lane] }
            #expect(sums[0][lane] == 1.5 * k[0] + 0.25 * k[2])
            #expect(counts[0][lane] == k[0] + k[2])
            #expect(sums[1][lane] == 2 * k[0] - 4 * k[1])
            #expect(counts[1][lane] == k[0] + k[1])
            #expect(sums[2][lane] == 99, "an excluded key is left alone")
        }
    }

    /// The summation order is fixed: per key, four round-robin accumulators over its entries in cluster order,
    /// the last `count mod 4` entries in the first, combined as (s0 + s1) + (s2 + s3) -- checked bit for bit.
    @Test func replicateStreamSummationOrder() {
        var g = RandomGenerator(seed: 21)
        let clusterCount = 40, keyCount = 3
        var start: [Int32] = [0], keys: [UInt16] = [], values: [Double] = []
        for _ in 0..<clusterCount {
            for k in 0..<keyCount where g.nextBool(probability: 0.7) {
                keys.append(UInt16(k))
                values.append(Double(Float(g.nextGaussian() * 1000)))
            }
            start.append(Int32(keys.count))
        }
        let stream = ReplicateStream(keyCount: keyCount, start: start, keys: keys, values: values)
        let m = UnsafeMutableBufferPointer<SIMD8<Double>>.allocate(capacity: clusterCount)
        defer { m.deallocate() }
        var counts = [SIMD8<UInt8>]()
        ClusterBootstrap.draw(into: m, seed: 4, first: 0, count: 8, counts: &counts)
        var sums = [SIMD8<Double>](repeating: SIMD8(), count: keyCount)
        var scratch = [SIMD8<Double>]()
        sums.withUnsafeMutableBufferPointer {
            stream.accumulate(ReplicateBatch(first: 0, count: 8, multiplicities: UnsafeBufferPointer(m)), sums: $0, counts: nil, scratch: &scratch)
        }
        for key in 0..<keyCount {
            var entries: [(cluster: Int, value: Double)] = []
            for c in 0..<clusterCount {
                for e in Int(start[c])..<Int(start[c + 1]) where Int(keys[e]) == key { entries.append((c, values[e])) }
            }
            for lane in 0..<8 {
                var s = [0.0, 0.0, 0.0, 0.0]
                let roundRobin = entries.count - entries.count % 4
                for (j, entry) in entries.enumerated() { s[j < roundRobin ? j % 4 : 0] += m[entry.cluster][lane] * entry.value }
                #expect(sums[key][lane] == (s[0] + s[1]) + (s[2] + s[3]), "key \(key), lane \(lane)")
            }
        }
    }

    /// Each lane of `ClusterGroupTotals.accumulate` equals the totals with that replicate's cluster weights.
    @Test func groupTotalsLanes() {
        // Rows (cluster, group, value); 2 groups give the dense layout, 5 the sparse one.
        let rows: [(Int, Int, Double)] = [(0, 0, 1), (0, 1, 2), (1, 1, 3), (2, 0, 5), (2, 0, 7), (3, 1, -1)]
        for groupCount in [2, 5] {
        for blocks in [nil, [Int32(0), 1, 0, 1]] {
            let totals = ClusterGroupTotals(clusterCount: 4, groupCount: groupCount, valueCount: 2, blocks: blocks, blockCount: blocks == nil ? 1 : 2,
                                            rowCount: rows.count, place: { (rows[$0].0, rows[$0].1) },
                                            add: { i, s in s[0] += 1; s[1] += rows[i].2 })
            #expect(totals.denseValues.isEmpty == (groupCount == 5))
            let m = UnsafeMutableBufferPointer<SIMD8<Double>>.allocate(capacity: 4)
            defer { m.deallocate() }
            var counts = [SIMD8<UInt8>]()
            ClusterBootstrap.draw(into: m, seed: 9, first: 8, count: 3, counts: &counts)
            var out = [SIMD8<Double>](repeating: SIMD8(), count: totals.outputCount)
            out.withUnsafeMutableBufferPointer { totals.accumulate(ReplicateBatch(first: 8, count: 3, multiplicities: UnsafeBufferPointer(m)), into: $0) }
            for lane in 0..<8 {
                var expected = [Double](repeating: 0, count: totals.outputCount)
                for (c, g, y) in rows {
                    let base = (blocks.map { Int($0[c]) } ?? 0) * groupCount + g
                    expected[2 * base] += m[c][lane]
                    expected[2 * base + 1] += m[c][lane] * y
                }
                #expect(out.map { $0[lane] } == expected, "lane \(lane), blocks \(String(describing: blocks))")
                if lane >= 3 { #expect(expected.allSatisfy { $0 == 0 }) }
            }
        }
        }
    }
}
