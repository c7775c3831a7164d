/// Per-cluster sufficient statistics of a grouped weighted mean: for each (cluster, group),
/// the weighted sum Σ v·y, the sum of weights Σ v and the respondent count.
///
/// This is the fast path of the cluster bootstrap (constructs.md "Uncertainty"): built once in
/// O(respondents), after which a replicate's group means cost O(clusters × groups).
/// Storage is cluster-major: index = cluster * groupCount + group.
public struct ClusterSums: Sendable {
    /// Number of clusters.
    public let clusterCount: Int
    /// Number of groups (for example roles).
    public let groupCount: Int
    /// Σ v·y per (cluster, group).
    public private(set) var weightedSum: [Double]
    /// Σ v per (cluster, group).
    public private(set) var weightSum: [Double]
    /// Respondents per (cluster, group).
    public private(set) var count: [Int32]

    /// Empty sums for `clusterCount` clusters and `groupCount` groups.
    public init(clusterCount: Int, groupCount: Int) {
        self.clusterCount = clusterCount
        self.groupCount = groupCount
        weightedSum = [Double](repeating: 0, count: clusterCount * groupCount)
        weightSum = weightedSum
        count = [Int32](repeating: 0, count: clusterCount * groupCount)
    }

    /// Adds one observation `y` with weight `weight` to (cluster, group).
    public mutating func add(cluster: Int, group: Int, value y: Double, weight: Double) {
        let i = cluster * groupCount + group
        weightedSum[i] += weight * y
        weightSum[i] += weight
        count[i] += 1
    }

    /// Respondents in `group` over all clusters.
    public func respondents(group: Int) -> Int {
        var n = 0
        for c in 0..<clusterCount { n += Int(count[c * groupCount + group]) }
        return n
    }

    /// Clusters with at least one respondent in `group`.
    public func clusters(group: Int) -> Int {
        var n = 0
        for c in 0..<clusterCount where count[c * groupCount + group] > 0 { n += 1 }
        return n
    }

    /// The weighted mean of `group` over all clusters, or `nil` when the group is empty.
    public func mean(group: Int) -> Double? {
        var s = 0.0, w = 0.0
        for c in 0..<clusterCount {
            s += weightedSum[c * groupCount + group]
            w += weightSum[c * groupCount + group]
        }
        return w > 0 ? s / w : nil
    }

    /// The weighted means of every group in one bootstrap replicate: each cluster's sums count
    /// `multiplicities[cluster]` times. `nil` where the group drew no weight.
    ///
    /// - Parameter out: receives `groupCount` values; reused across replicates to avoid allocation.
    public func means(multiplicities m: UnsafeBufferPointer<Int32>, into out: inout [Double?], sums: inout [Double], weights: inout [Double]) {
        for g in 0..<groupCount { sums[g] = 0; weights[g] = 0 }
        weightedSum.withUnsafeBufferPointer { ws in
            weightSum.withUnsafeBufferPointer { vs in
                for c in 0..<clusterCount {
                    let k = m[c]
                    if k == 0 { continue }
                    let kd = Double(k)
                    let base = c * groupCount
                    for g in 0..<groupCount {
                        sums[g] += kd * ws[base + g]
                        weights[g] += kd * vs[base + g]
                    }
                }
            }
        }
        for g in 0..<groupCount { out[g] = weights[g] > 0 ? sums[g] / weights[g] : nil }
    }
}
