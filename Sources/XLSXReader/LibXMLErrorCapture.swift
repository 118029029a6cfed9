import CXML2
import Foundation

/// Keeps libxml2 from writing to stderr while a part is parsed, and keeps what it would have
/// written so a refusal can say why.
///
/// Errors raised with a parser context reach the SAX handler's `serror` (silent, and stored in
/// the context's `lastError`). Others do not: the encoding layer reports a failed conversion
/// with no context ("encoding error : input conversion failed…"), and `xmlParseChunk` prints
/// "xmlParseChunk: encoder error" straight through `xmlGenericError` — leaving `lastError`
/// empty. Those go to the thread's generic error channel, whose default handler is
/// `vfprintf(xmlGenericErrorContext, …)`. libxml2 documents that `xmlSetGenericErrorFunc(ctx,
/// NULL)` keeps that default handler with `ctx` as its `FILE *`, so the channel is pointed at a
/// fixed-size memory stream (no C variadic function is needed, and a flood of messages cannot
/// grow memory). The structured channel is cleared for the parse so context-less errors are
/// formatted into the same stream. Both channels are per thread in libxml2 2.9 and are restored
/// afterwards, so a host program's own handlers survive.
final class LibXMLErrorCapture {
    private static let capacity = 1024

    private let buffer: UnsafeMutablePointer<CChar>
    private let stream: UnsafeMutablePointer<FILE>?
    private let previousGeneric: OpaquePointer?
    private let previousGenericContext: UnsafeMutableRawPointer?
    private let previousStructured: xmlStructuredErrorFunc?
    private let previousStructuredContext: UnsafeMutableRawPointer?
    private var ended = false

    /// Starts capturing on the calling thread; `end()` (or deinit) restores the previous channels.
    init() {
        buffer = .allocate(capacity: LibXMLErrorCapture.capacity)
        buffer.initialize(repeating: 0, count: LibXMLErrorCapture.capacity)
        // One byte short of the buffer: glibc's fmemopen stops writing there, a NUL always remains.
        stream = fmemopen(buffer, LibXMLErrorCapture.capacity - 1, "w")
        previousGeneric = __xmlGenericError()?.pointee
        previousGenericContext = __xmlGenericErrorContext()?.pointee
        previousStructured = __xmlStructuredError()?.pointee
        previousStructuredContext = __xmlStructuredErrorContext()?.pointee
        xmlSetStructuredErrorFunc(nil, nil)
        if let stream {
            xmlSetGenericErrorFunc(UnsafeMutableRawPointer(stream), nil)
        } else {
            // No stream (out of memory): still never print. libxml2 then writes to stderr, so
            // point it at a sink that is always there.
            xmlSetGenericErrorFunc(UnsafeMutableRawPointer(LibXMLErrorCapture.sink), nil)
        }
    }

    /// `/dev/null`, opened once, for the case where no memory stream could be made.
    /// (A FILE has its own lock, so threads may share it.)
    nonisolated(unsafe) private static let sink: UnsafeMutablePointer<FILE>? = fopen("/dev/null", "w")

    /// Restores the thread's previous error channels.
    func end() {
        guard !ended else { return }
        ended = true
        xmlSetGenericErrorFunc(previousGenericContext, previousGeneric)
        xmlSetStructuredErrorFunc(previousStructuredContext, previousStructured)
        if let stream { fclose(stream) }
    }

    /// The first non-empty line libxml2 wrote, trimmed; empty when it wrote nothing.
    var firstMessage: String {
        if let stream, !ended { fflush(stream) }
        let text = String(cString: buffer)
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { return trimmed }
        }
        return ""
    }

    deinit {
        end()
        buffer.deallocate()
    }
}
