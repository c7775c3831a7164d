/// Per-cluster totals of grouped observations: for each cluster, one entry per group the cluster
/// has respondents in, holding `valueCount` running sums (for example Σ v and Σ v·x) and the
/// respondent count.
///
/// This is the cluster-bootstrap fast path of constructs.md "Uncertainty", generalising
/// ``ClusterSums`` to several sums per group, optional blocks and a sparse layout: built once in
/// O(respondents), after which a replicate combines the drawn clusters' sums in
/// O(clusters × groups) (dense layout, a vectorised pass over each cluster's row) or O(entries)
/// (sparse layout, chosen when fewer than half the (cluster, group) pairs are filled, as with lone
/// respondents), never O(respondents).
///
/// **Blocks**: each cluster may belong to one of `blockCount` blocks (for example its maturity
/// stage); a replicate then sums per (block, group), so a cell of a two-factor table whose second
/// factor is a property of the cluster costs no more than a group.
///
/// Entries are ordered by cluster, and within a cluster by the first row that created them, and a
/// replicate adds clusters in index order, so sums are accumulated in a fixed order (the result is
/// deterministic to the last bit).
struct ClusterGroupTotals: Sendable {
    /// Number of clusters (multiplicities index 0..<clusterCount).
    let clusterCount: Int
    /// Number of groups.
    let groupCount: Int
    /// Sums kept per entry.
    let valueCount: Int
    /// Number of blocks (1 without blocks).
    let blockCount: Int
    /// The block of each cluster (empty without blocks: every cluster in block 0).
    let clusterBlock: [Int32]
    /// Entries of cluster c are `entryStart[c] ..< entryStart[c + 1]` (count = clusterCount + 1).
    let entryStart: [Int]
    /// The group of each entry.
    let entryGroup: [Int32]
    /// The sums of each entry, entry-major: `entryValues[e * valueCount + k]`.
    let entryValues: [Double]
    /// Respondents (rows) of each entry.
    let entryCount: [Int32]
    /// Dense rows `[cluster][group][value]` (empty when the sparse layout is used).
    let denseValues: [Double]

    /// Builds the totals in O(rows + clusters × groups).
    ///
    /// - Parameters:
    ///   - clusterCount: clusters 0..<clusterCount.
    ///   - groupCount: groups 0..<groupCount.
    ///   - valueCount: sums per entry (≥ 1).
    ///   - blocks: the block (0..<blockCount) of each cluster, or `nil` for one block.
    ///   - blockCount: number of blocks (ignored without `blocks`).
    ///   - rowCount: rows 0..<rowCount are offered.
    ///   - place: the (cluster, group) of a row, or `nil` to leave the row out.
    ///   - add: adds a row's contributions to the `valueCount` sums at the pointer.
    init(clusterCount: Int, groupCount: Int, valueCount: Int, blocks: [Int32]? = nil, blockCount: Int = 1,
         rowCount: Int, place: (_ row: Int) -> (cluster: Int, group: Int)?,
         add: (_ row: Int, _ sums: UnsafeMutablePointer<Double>) -> Void) {
        precondition(valueCount >= 1, "at least one sum per entry")
        self.clusterCount = clusterCount
        self.groupCount = groupCount
        self.valueCount = valueCount
        if let blocks {
            precondition(blocks.count == clusterCount, "one block per cluster")
            self.clusterBlock = blocks
            self.blockCount = blockCount
        } else {
            self.clusterBlock = []
            self.blockCount = 1
        }
        // Pass 1: place rows and count them per cluster.
        var rowCluster = [Int32](repeating: -1, count: rowCount)
        var rowGroup = [Int32](repeating: -1, count: rowCount)
        var perCluster = [Int](repeating: 0, count: clusterCount + 1)
        for i in 0..<rowCount {
            guard let (c, g) = place(i) else { continue }
            precondition(c >= 0 && c < clusterCount && g >= 0 && g < groupCount, "row placed outside the totals")
            rowCluster[i] = Int32(c)
            rowGroup[i] = Int32(g)
            perCluster[c + 1] += 1
        }
        for c in 0..<clusterCount { perCluster[c + 1] += perCluster[c] }
        // Counting sort of the placed rows by cluster (stable: row order kept within a cluster).
        var order = [Int32](repeating: 0, count: perCluster[clusterCount])
        var next = perCluster
        for i in 0..<rowCount where rowCluster[i] >= 0 {
            let c = Int(rowCluster[i])
            order[next[c]] = Int32(i)
            next[c] += 1
        }
        // Pass 2: one entry per (cluster, group), in order of first appearance within the cluster.
        var start = [Int](repeating: 0, count: clusterCount + 1)
        var groups = [Int32]()
        var values = [Double]()
        var counts = [Int32]()
        var slot = [Int](repeating: -1, count: groupCount)
        var touched = [Int]()
        for c in 0..<clusterCount {
            start[c] = groups.count
            for k in perCluster[c]..<perCluster[c + 1] {
                let i = Int(order[k])
                let g = Int(rowGroup[i])
                var e = slot[g]
                if e < 0 {
                    e = groups.count
                    slot[g] = e
                    touched.append(g)
                    groups.append(Int32(g))
                    counts.append(0)
                    for _ in 0..<valueCount { values.append(0) }
                }
                counts[e] += 1
                values.withUnsafeMutableBufferPointer { add(i, $0.baseAddress! + e * valueCount) }
            }
            for g in touched { slot[g] = -1 }
            touched.removeAll(keepingCapacity: true)
        }
        start[clusterCount] = groups.count
        entryStart = start
        entryGroup = groups
        entryValues = values
        entryCount = counts
        // Dense rows when at least half the (cluster, group) pairs are filled.
        if clusterCount > 0, 2 * groups.count >= clusterCount * groupCount {
            let width = groupCount * valueCount
            var dense = [Double](repeating: 0, count: clusterCount * width)
            for c in 0..<clusterCount {
                for e in start[c]..<start[c + 1] {
                    for k in 0..<valueCount {
                        dense[c * width + Int(groups[e]) * valueCount + k] = values[e * valueCount + k]
                    }
                }
            }
            denseValues = dense
        } else {
            denseValues = []
        }
    }

    /// Length of a replicate's output: blocks × groups × values.
    var outputCount: Int { blockCount * groupCount * valueCount }

    /// Sums per (block, group) over all clusters (multiplicity 1 each): `[(block * groupCount + group) * valueCount + k]`.
    func totals() -> [Double] {
        var out = [Double](repeating: 0, count: outputCount)
        for c in 0..<clusterCount {
            let base = clusterBlock.isEmpty ? 0 : Int(clusterBlock[c]) * groupCount
            for e in entryStart[c]..<entryStart[c + 1] {
                let g = base + Int(entryGroup[e])
                for k in 0..<valueCount { out[g * valueCount + k] += entryValues[e * valueCount + k] }
            }
        }
        return out
    }

    /// Respondents per group over all clusters (blocks merged).
    func respondents() -> [Int] {
        var out = [Int](repeating: 0, count: groupCount)
        for e in 0..<entryGroup.count { out[Int(entryGroup[e])] += Int(entryCount[e]) }
        return out
    }

    /// Clusters with at least one respondent, per group (blocks merged).
    func clusters() -> [Int] {
        var out = [Int](repeating: 0, count: groupCount)
        for e in 0..<entryGroup.count { out[Int(entryGroup[e])] += 1 }
        return out
    }
}

extension ClusterGroupTotals {
    /// One batch of replicates: `out[g * valueCount + k]` (count = ``outputCount``; block-major
    /// when blocks are set) receives, in lane j, the sums with each cluster counted as often as
    /// replicate `batch.first + j` drew it (overwritten). Clusters and entries are visited in a
    /// fixed order (dense rows when at least half the (cluster, group) pairs are filled), so every
    /// lane is identical on every run and thread count.
    func accumulate(_ batch: ReplicateBatch, into out: UnsafeMutableBufferPointer<SIMD8<Double>>) {
        precondition(out.count == outputCount && batch.multiplicities.count >= clusterCount,
                     "replicate buffers of the wrong size")
        let v = valueCount, width = groupCount * valueCount
        let blocked = !clusterBlock.isEmpty
        let op = out.baseAddress!
        for k in 0..<out.count { op[k] = SIMD8() }
        let mp = batch.multiplicities.baseAddress!
        clusterBlock.withUnsafeBufferPointer { bp in
            if !denseValues.isEmpty {
                denseValues.withUnsafeBufferPointer { dp in
                    let rows = dp.baseAddress!
                    for c in 0..<clusterCount {
                        let k = mp[c]
                        let row = rows + c &* width
                        let target = blocked ? op + Int(bp[c]) &* width : op
                        for j in 0..<width { target[j] += k * row[j] }
                    }
                }
                return
            }
            entryStart.withUnsafeBufferPointer { sp in
                entryGroup.withUnsafeBufferPointer { gp in
                    entryValues.withUnsafeBufferPointer { vp in
                        let starts = sp.baseAddress!, groups = gp.baseAddress!, values = vp.baseAddress!
                        for c in 0..<clusterCount {
                            let k = mp[c]
                            let target = blocked ? op + Int(bp[c]) &* width : op
                            var e = starts[c]
                            let end = starts[c + 1]
                            while e < end {
                                let dst = target + Int(groups[e]) &* v
                                let src = values + e &* v
                                for j in 0..<v { dst[j] += k * src[j] }
                                e &+= 1
                            }
                        }
                    }
                }
            }
        }
    }
}
