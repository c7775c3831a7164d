/// Per-cluster sparse sums laid out for the batched cluster bootstrap: the entries (cluster, key,
/// value) of a statistic built from per-cluster sums, stored **cluster-major** (each cluster's
/// entries together) with single-precision values.
///
/// A batch of eight replicates reads each cluster's eight multiplicities (one cache line) once and
/// adds `m · v` into the accumulators of the cluster's keys, which stay in the first-level cache
/// (keys × 4 × 64 bytes). Each key has four interleaved accumulators: the key's entries, taken in
/// ascending cluster order, go round-robin to accumulators 0, 1, 2, 3, the last `count mod 4`
/// to accumulator 0, and the key's sum is `(s0 + s1) + (s2 + s3)`. That fixes the summation order
/// (results are identical on every run and thread count) and keeps the order of the key-major
/// layout this replaced. A replicate costs O(entries); with 1,000,000 respondents that is millions
/// of entries, so the constant matters. Single precision rounds each value with relative error
/// below 6e-8, far under the Monte Carlo error of a percentile interval; point estimates never use
/// this stream.
struct ReplicateStream: Sendable {
    /// Number of distinct keys.
    let keyCount: Int
    /// Start of each cluster's entries; count = clusters + 1.
    let clusterStart: [Int32]
    /// Accumulator of each entry: `key * 4 + slot`, slot in 0...3 as described above.
    let accumulator: [UInt32]
    /// Value of each entry, single precision.
    let values: [Float]

    /// Entries given cluster by cluster (`start` per cluster, count = clusters + 1; `keys` <
    /// keyCount; `values`, count = `keys.count`).
    init(keyCount: Int, start: [Int32], keys: [UInt16], values: [Double]) {
        precondition(keys.count == values.count, "one value per entry")
        self.keyCount = keyCount
        // Entries per key, and each entry's rank within its key (cluster order, then entry order).
        var perKey = [Int](repeating: 0, count: keyCount)
        var rank = [Int](repeating: 0, count: keys.count)
        for e in keys.indices {
            rank[e] = perKey[Int(keys[e])]
            perKey[Int(keys[e])] += 1
        }
        var accumulator = [UInt32](repeating: 0, count: keys.count)
        for e in keys.indices {
            let k = Int(keys[e])
            let roundRobin = perKey[k] - perKey[k] % 4  // entries before this index go round-robin
            let slot = rank[e] < roundRobin ? rank[e] % 4 : 0
            accumulator[e] = UInt32(k * 4 + slot)
        }
        self.clusterStart = start
        self.accumulator = accumulator
        self.values = values.map { Float($0) }
    }

    /// For each key with `include[key]` (all keys when `include` is `nil`): `sums[key]` =
    /// Σ m_c·v and, when given, `counts[key]` = Σ m_c over the key's entries (overwritten), lane j
    /// for replicate `batch.first + j`. `scratch` is reused between calls (resized as needed).
    func accumulate(_ batch: ReplicateBatch, sums: UnsafeMutableBufferPointer<SIMD8<Double>>,
                    counts: UnsafeMutableBufferPointer<SIMD8<Double>>?, include: [Bool]? = nil,
                    scratch: inout [SIMD8<Double>]) {
        let slots = keyCount * 4
        let width = counts == nil ? slots : 2 * slots
        if scratch.count != width { scratch = [SIMD8<Double>](repeating: SIMD8(), count: width) }
        let m = batch.multiplicities.baseAddress!
        let clusterCount = clusterStart.count - 1
        scratch.withUnsafeMutableBufferPointer { accBuffer in
            let acc = accBuffer.baseAddress!
            for i in 0..<width { acc[i] = SIMD8() }
            let countAcc = acc + slots
            clusterStart.withUnsafeBufferPointer { cs in
                accumulator.withUnsafeBufferPointer { ap in
                    values.withUnsafeBufferPointer { v in
                        for c in 0..<clusterCount {
                            let k = m[c]
                            var e = Int(cs[c])
                            let end = Int(cs[c + 1])
                            if counts == nil {
                                while e < end {
                                    acc[Int(ap[e])] += k * Double(v[e])
                                    e &+= 1
                                }
                            } else {
                                while e < end {
                                    let a = Int(ap[e])
                                    acc[a] += k * Double(v[e])
                                    countAcc[a] += k
                                    e &+= 1
                                }
                            }
                        }
                    }
                }
            }
            for key in 0..<keyCount {
                if let include, !include[key] { continue }
                let s = acc + 4 * key
                sums[key] = (s[0] + s[1]) + (s[2] + s[3])
                if let counts {
                    let n = countAcc + 4 * key
                    counts[key] = (n[0] + n[1]) + (n[2] + n[3])
                }
            }
        }
    }
}
