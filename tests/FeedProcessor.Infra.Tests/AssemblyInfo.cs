// The offline Bicep CLI package is linux-x64, and the hook tests run bash.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
