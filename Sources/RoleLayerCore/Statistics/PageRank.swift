/// PageRank of a weighted directed graph (Page, Brin, Motwani & Winograd 1999, "The PageRank
/// citation ranking", Stanford InfoLab 1999-66; Brin & Page 1998, Comput. Netw. ISDN 30:107-117;
/// survey: Langville & Meyer 2004, Internet Math. 1:335-380).
///
/// The iteration is networkx's `pagerank` (networkx 3.x, `_pagerank_python`):
/// x ← α (x P + (Σ_{dangling i} x_i) d) + (1 − α) / N,
/// where P is the weight matrix with each row divided by its sum (row = source), d the dangling
/// distribution and the teleport is uniform. It starts from the uniform vector and stops when
/// Σ_i |x_i − x_i(previous)| < N · tolerance (networkx's rule; networkx's default tolerance is 1e-6,
/// ours 1e-12 so results agree with a direct solve to about 1e-11).
public enum PageRank {
    /// Where a dangling node (a row of zero weights: a role with no outgoing nominations) sends its rank.
    public enum DanglingPolicy: Sendable, Hashable {
        /// Uniformly over all N nodes (networkx's default; RoleLayer's RII).
        case uniform
        /// Over the nodes in proportion to a vector (count = N, non-negative, positive sum;
        /// normalised here), as networkx's `dangling` dictionary.
        case custom([Double])
    }

    /// PageRank scores of the graph whose edge i → j has weight `weights[i][j]` (row = source).
    ///
    /// - Parameters:
    ///   - weights: N x N, finite and >= 0; rows are normalised to sum 1 (a prolific nominator does not
    ///     dominate); an all-zero row is a dangling node. The diagonal must be 0: self-loops
    ///     (self-nominations) are invalid input in RoleLayer's nomination graph (constructs.md §6).
    ///   - damping: α in [0, 1); 0.85 by default.
    ///   - dangling: see ``DanglingPolicy``.
    ///   - tolerance: > 0; stop when Σ|Δx| < N · tolerance.
    ///   - maximumIterations: > 0.
    /// - Returns: N scores in (0, 1] summing to 1 (up to rounding); `[]` for an empty graph (N = 0),
    ///   `[1]` for a single node.
    /// - Throws: `.shape` for a non-square matrix or a dangling vector of the wrong count;
    ///   `.nonFinite` for a NaN or infinite weight; `StatisticError` with a reason for a negative
    ///   weight, a self-loop, a damping outside [0, 1), a dangling vector with a negative entry or zero
    ///   sum, a non-positive tolerance or iteration limit, or no convergence within `maximumIterations`.
    public static func scores(weights: [[Double]], damping: Double = 0.85, dangling: DanglingPolicy = .uniform,
                              tolerance: Double = 1e-12, maximumIterations: Int = 1000) throws(StatisticError) -> [Double] {
        let n = weights.count
        guard damping >= 0, damping < 1 else { throw StatisticError("damping must be in [0, 1), got \(damping)") }
        guard tolerance > 0, tolerance.isFinite else { throw StatisticError("tolerance must be positive") }
        guard maximumIterations > 0 else { throw StatisticError("maximumIterations must be positive") }
        // Row-stochastic transition matrix, flat row-major.
        var transition = [Double](repeating: 0, count: n * n)
        var isDangling = [Bool](repeating: false, count: n)
        for i in 0..<n {
            let row = weights[i]
            guard row.count == n else { throw .shape("row \(i) has \(row.count) weights, expected \(n)") }
            var total = 0.0
            for j in 0..<n {
                let w = row[j]
                guard w.isFinite else { throw .nonFinite }
                guard w >= 0 else { throw StatisticError("negative edge weight \(w) at \(i) → \(j)") }
                if i == j && w != 0 { throw StatisticError("self-loop at node \(i): self-nominations are invalid input") }
                total += w
            }
            if total > 0 {
                for j in 0..<n { transition[i * n + j] = row[j] / total }
            } else {
                isDangling[i] = true
            }
        }
        if n == 0 { return [] }
        let danglingWeights: [Double]
        switch dangling {
        case .uniform:
            danglingWeights = [Double](repeating: 1 / Double(n), count: n)
        case .custom(let v):
            guard v.count == n else { throw .shape("dangling vector has \(v.count) entries, expected \(n)") }
            var total = 0.0
            for x in v {
                guard x.isFinite else { throw .nonFinite }
                guard x >= 0 else { throw StatisticError("negative dangling weight \(x)") }
                total += x
            }
            guard total > 0 else { throw StatisticError("dangling vector sums to 0") }
            danglingWeights = v.map { $0 / total }
        }
        let teleport = (1 - damping) / Double(n)
        var x = [Double](repeating: 1 / Double(n), count: n)
        var next = [Double](repeating: 0, count: n)
        for _ in 0..<maximumIterations {
            var danglingMass = 0.0
            for i in 0..<n where isDangling[i] { danglingMass += x[i] }
            for j in 0..<n { next[j] = danglingMass * danglingWeights[j] }
            for i in 0..<n where !isDangling[i] {
                let xi = x[i]
                let base = i * n
                for j in 0..<n { next[j] += xi * transition[base + j] }
            }
            var change = 0.0
            for j in 0..<n {
                let v = damping * next[j] + teleport
                change += abs(v - x[j])
                next[j] = v
            }
            swap(&x, &next)
            if change < Double(n) * tolerance { return x }
        }
        throw StatisticError("PageRank did not converge in \(maximumIterations) iterations")
    }
}
