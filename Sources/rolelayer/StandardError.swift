import Foundation

/// Buffered writing to standard error: problem lines, warnings and (on a terminal only) a
/// progress line that is overwritten in place.
final class StandardError {
    /// Whether standard error is a terminal; progress is shown only then.
    let isTerminal: Bool = isatty(STDERR_FILENO) == 1
    private var buffer: [UInt8] = []
    private var progressShown = false

    init() { buffer.reserveCapacity(1 << 16) }

    deinit { flush() }

    /// Appends one line (a newline is added).
    func line(_ text: String) {
        clearProgress()
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Shows `text` as the progress line when standard error is a terminal; otherwise nothing.
    func progress(_ text: String) {
        guard isTerminal else { return }
        flush()
        write(Array(("\r\u{1B}[K" + text).utf8))
        progressShown = true
    }

    /// Erases the progress line, if any.
    func clearProgress() {
        guard progressShown else { return }
        flush()
        write(Array("\r\u{1B}[K".utf8))
        progressShown = false
    }

    /// Writes out what is buffered.
    func flush() {
        guard !buffer.isEmpty else { return }
        write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(STDERR_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
