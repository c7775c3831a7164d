/// Per-cluster totals of grouped observations in compressed (sparse) form: for each cluster, one
/// entry per group the cluster has respondents in, holding `valueCount` running sums (for example
/// Σ v and Σ v·x) and the respondent count.
///
/// This is the sparse counterpart of ``ClusterSums`` for the cluster-bootstrap fast path
/// (constructs.md "Uncertainty"): built once in O(respondents), after which a replicate combines
/// the entries of the drawn clusters in O(entries), which is at most O(clusters × groups) and only
/// O(clusters) when each cluster covers few groups (lone respondents, organisations with a few
/// roles, or groups that are (wave, role) pairs across many waves).
///
/// Entries are ordered by cluster, and within a cluster by the first row that created them, so a
/// replicate's sums are accumulated in a fixed order (deterministic to the last bit).
struct ClusterGroupTotals: Sendable {
    /// Number of clusters (multiplicities index 0..<clusterCount).
    let clusterCount: Int
    /// Number of groups.
    let groupCount: Int
    /// Sums kept per entry.
    let valueCount: Int
    /// Entries of cluster c are `entryStart[c] ..< entryStart[c + 1]` (count = clusterCount + 1).
    let entryStart: [Int]
    /// The group of each entry.
    let entryGroup: [Int32]
    /// The sums of each entry, entry-major: `entryValues[e * valueCount + k]`.
    let entryValues: [Double]
    /// Respondents (rows) of each entry.
    let entryCount: [Int32]

    /// Builds the totals in O(rows + clusters + groups).
    ///
    /// - Parameters:
    ///   - clusterCount: clusters 0..<clusterCount.
    ///   - groupCount: groups 0..<groupCount.
    ///   - valueCount: sums per entry (≥ 0).
    ///   - rowCount: rows 0..<rowCount are offered.
    ///   - place: the (cluster, group) of a row, or `nil` to leave the row out.
    ///   - add: adds a row's contributions to the `valueCount` sums at the pointer.
    init(clusterCount: Int, groupCount: Int, valueCount: Int, rowCount: Int,
         place: (_ row: Int) -> (cluster: Int, group: Int)?,
         add: (_ row: Int, _ sums: UnsafeMutablePointer<Double>) -> Void) {
        self.clusterCount = clusterCount
        self.groupCount = groupCount
        self.valueCount = valueCount
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
                if valueCount > 0 {
                    values.withUnsafeMutableBufferPointer { add(i, $0.baseAddress! + e * valueCount) }
                }
            }
            for g in touched { slot[g] = -1 }
            touched.removeAll(keepingCapacity: true)
        }
        start[clusterCount] = groups.count
        entryStart = start
        entryGroup = groups
        entryValues = values
        entryCount = counts
    }

    /// Sums per group over all clusters (multiplicity 1 each): `[group * valueCount + k]`.
    func totals() -> [Double] {
        var out = [Double](repeating: 0, count: groupCount * valueCount)
        for e in 0..<entryGroup.count {
            let g = Int(entryGroup[e])
            for k in 0..<valueCount { out[g * valueCount + k] += entryValues[e * valueCount + k] }
        }
        return out
    }

    /// Respondents per group over all clusters.
    func respondents() -> [Int] {
        var out = [Int](repeating: 0, count: groupCount)
        for e in 0..<entryGroup.count { out[Int(entryGroup[e])] += Int(entryCount[e]) }
        return out
    }

    /// Clusters with at least one respondent, per group.
    func clusters() -> [Int] {
        var out = [Int](repeating: 0, count: groupCount)
        for e in 0..<entryGroup.count { out[Int(entryGroup[e])] += 1 }
        return out
    }

    /// Sums per group in one bootstrap replicate: each cluster's entries count `m[cluster]` times.
    ///
    /// - Parameter out: receives `groupCount * valueCount` sums (overwritten, not added to).
    func accumulate(_ m: UnsafeBufferPointer<Int32>, into out: inout [Double]) {
        let v = valueCount
        out.withUnsafeMutableBufferPointer { o in
            for k in 0..<o.count { o[k] = 0 }
            entryStart.withUnsafeBufferPointer { starts in
                entryGroup.withUnsafeBufferPointer { groups in
                    entryValues.withUnsafeBufferPointer { values in
                        for c in 0..<clusterCount {
                            let k = m[c]
                            if k == 0 { continue }
                            let kd = Double(k)
                            for e in starts[c]..<starts[c + 1] {
                                let base = Int(groups[e]) * v
                                let src = e * v
                                for j in 0..<v { o[base + j] += kd * values[src + j] }
                            }
                        }
                    }
                }
            }
        }
    }
}
