/// Per-cluster sparse sums laid out for the cluster bootstrap: the entries (cluster, key, value)
/// of a statistic built from per-cluster sums, stored **key-major** (for each key, its clusters in
/// ascending order) with 4-byte cluster indices and single-precision values.
///
/// A batch of eight replicates then computes, for each key, Σ_c m_c·v_c and Σ_c m_c in registers
/// (four interleaved accumulators of eight lanes), reading 8 bytes per entry and the cluster's
/// eight multiplicities (one cache line), instead of a read-modify-write of a per-key accumulator
/// for every entry. A replicate costs O(entries); with 1,000,000 respondents that is millions of entries, so the
/// constant matters. Single precision rounds each value with relative error below 6e-8, far under
/// the Monte Carlo error of a percentile interval; point estimates never use this stream. The
/// summation order is fixed, so results are identical on every run and thread count.
struct ReplicateStream: Sendable {
    /// Number of distinct keys.
    let keyCount: Int
    /// Start of each key's entries; count = keyCount + 1.
    let keyStart: [Int32]
    /// Cluster of each entry (ascending within a key).
    let cluster: [Int32]
    /// Value of each entry, single precision.
    let values: [Float]

    /// Transposes entries given cluster by cluster (`start` per cluster, count = clusters + 1;
    /// `keys` < keyCount; `values`).
    init(keyCount: Int, start: [Int32], keys: [UInt16], values: [Double]) {
        self.keyCount = keyCount
        var keyStart = [Int32](repeating: 0, count: keyCount + 1)
        for k in keys { keyStart[Int(k) + 1] += 1 }
        for k in 0..<keyCount { keyStart[k + 1] += keyStart[k] }
        var next = keyStart
        var cluster = [Int32](repeating: 0, count: keys.count)
        var packed = [Float](repeating: 0, count: keys.count)
        for c in 0..<(start.count - 1) {
            for e in Int(start[c])..<Int(start[c + 1]) {
                let k = Int(keys[e])
                let slot = Int(next[k])
                cluster[slot] = Int32(c)
                packed[slot] = Float(values[e])
                next[k] += 1
            }
        }
        self.keyStart = keyStart
        self.cluster = cluster
        self.values = packed
    }

    /// For each key with `include[key]` (all keys when `include` is `nil`): `sums[key]` =
    /// Σ m_c·v and, when given, `counts[key]` = Σ m_c over the key's entries (overwritten), lane j
    /// for replicate `batch.first + j`. Each entry's eight multiplicities are one cache line, read
    /// once for the eight replicates; four interleaved accumulators per key, combined as
    /// (s0 + s1) + (s2 + s3), fix the summation order.
    func accumulate(_ batch: ReplicateBatch, sums: UnsafeMutableBufferPointer<SIMD8<Double>>,
                    counts: UnsafeMutableBufferPointer<SIMD8<Double>>?, include: [Bool]? = nil) {
        let m = batch.multiplicities.baseAddress!
        keyStart.withUnsafeBufferPointer { ks in
            cluster.withUnsafeBufferPointer { cl in
                values.withUnsafeBufferPointer { v in
                    for key in 0..<keyCount {
                        if let include, !include[key] { continue }
                        var e = Int(ks[key])
                        let hi = Int(ks[key + 1])
                        var s0 = SIMD8<Double>(), s1 = SIMD8<Double>(), s2 = SIMD8<Double>(), s3 = SIMD8<Double>()
                        var n0 = SIMD8<Double>(), n1 = SIMD8<Double>(), n2 = SIMD8<Double>(), n3 = SIMD8<Double>()
                        while e + 4 <= hi {
                            let k0 = m[Int(cl[e])], k1 = m[Int(cl[e + 1])]
                            let k2 = m[Int(cl[e + 2])], k3 = m[Int(cl[e + 3])]
                            s0 += k0 * Double(v[e]); s1 += k1 * Double(v[e + 1])
                            s2 += k2 * Double(v[e + 2]); s3 += k3 * Double(v[e + 3])
                            n0 += k0; n1 += k1; n2 += k2; n3 += k3
                            e += 4
                        }
                        while e < hi {
                            let k0 = m[Int(cl[e])]
                            s0 += k0 * Double(v[e])
                            n0 += k0
                            e += 1
                        }
                        sums[key] = (s0 + s1) + (s2 + s3)
                        counts?[key] = (n0 + n1) + (n2 + n3)
                    }
                }
            }
        }
    }
}
