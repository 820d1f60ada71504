/// A block node without a register hook: a format or filter driver such as
/// qcow2, raw or throttle, which only passes registration on to its
/// children.
public struct FormatNode: Hashable, Sendable {
  /// The driver's name, for the reader (`qcow2`, `raw`, `throttle`, ...).
  public var format: String
  /// Whether requests through this node lose `BDRV_REQ_REGISTERED_BUF`
  /// (qcow2's data path, padding, copy-on-read, detect-zeroes).
  public var clearsRegisteredBufFlag: Bool
  /// Its `detect-zeroes` option.
  public var detectZeroes: DetectZeroes

  /// Whether it is a protocol driver that does the I/O itself, file-posix
  /// (`file`, `host_device`): a request may end there, with the guest's
  /// buffer and no memory regions.
  public var isProtocol: Bool { format == "file" || format == "host_device" }

  /// Creates a node; qcow2 clears the flag unless told otherwise.
  public init(
    format: String, clearsRegisteredBufFlag: Bool? = nil, detectZeroes: DetectZeroes = .off
  ) {
    self.format = format
    self.clearsRegisteredBufFlag = clearsRegisteredBufFlag ?? (format == "qcow2")
    self.detectZeroes = detectZeroes
  }
}
