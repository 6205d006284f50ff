namespace Depwatch.Core.Components;

/// <summary>CycloneDX component types (1.2 to 1.6).</summary>
public enum ComponentType
{
    Library,
    Application,
    Framework,
    Container,
    Platform,
    OperatingSystem,
    Device,
    DeviceDriver,
    Firmware,
    File,
    MachineLearningModel,
    Data,
    CryptographicAsset,
}
