using Depwatch.Testing.TrivyServer;

namespace Depwatch.Cli.Tests;

// Every end-to-end case runs twice: in this process, and through the Native AOT executable that releases ship.

[Collection(TrivyCollection.Name)]
public sealed class InProcessScanCommandTests(TrivyServerFixture trivy) : ScanCommandTests(trivy, CliRunner.InProcess);

[Collection(NativeCliCollection.Name)]
public sealed class NativeScanCommandTests(TrivyServerFixture trivy, NativeCliFixture native) : ScanCommandTests(trivy, native);

[Collection(TrivyCollection.Name)]
public sealed class InProcessCheckCommandTests(TrivyServerFixture trivy) : CheckCommandTests(trivy, CliRunner.InProcess);

[Collection(NativeCliCollection.Name)]
public sealed class NativeCheckCommandTests(TrivyServerFixture trivy, NativeCliFixture native) : CheckCommandTests(trivy, native);

[Collection(TrivyCollection.Name)]
public sealed class InProcessPackageIndexOptionTests(TrivyServerFixture trivy) : PackageIndexOptionTests(trivy, CliRunner.InProcess);

[Collection(NativeCliCollection.Name)]
public sealed class NativePackageIndexOptionTests(TrivyServerFixture trivy, NativeCliFixture native) : PackageIndexOptionTests(trivy, native);

[Collection(TrivyCollection.Name)]
public sealed class InProcessVexOptionTests(TrivyServerFixture trivy) : VexOptionTests(trivy, CliRunner.InProcess);

[Collection(NativeCliCollection.Name)]
public sealed class NativeVexOptionTests(TrivyServerFixture trivy, NativeCliFixture native) : VexOptionTests(trivy, native);

[Collection(TrivyCollection.Name)]
public sealed class InProcessPolicyOptionTests(TrivyServerFixture trivy) : PolicyOptionTests(trivy, CliRunner.InProcess);

[Collection(NativeCliCollection.Name)]
public sealed class NativePolicyOptionTests(TrivyServerFixture trivy, NativeCliFixture native) : PolicyOptionTests(trivy, native);
