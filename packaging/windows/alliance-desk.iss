; Inno Setup 6 script: the Windows installer of Alliance Desk (党建联盟工作台).
;
; On Windows, from the repository's top folder:
;   uv run python -m scripts.build                  (dist\AllianceDesk\ and build\windows\version.iss)
;   iscc packaging\windows\alliance-desk.iss        (dist\AllianceDesk-VERSION-setup.exe)
;
; Installs the frozen folder (no Python needed), a Start-menu entry and an optional desktop
; icon. The clerk's data in %LOCALAPPDATA%\AllianceDesk is never touched by install,
; upgrade or uninstall. Needs Inno Setup 6.4 or later, whose Languages folder has
; ChineseSimplified.isl (an older one needs that file put there by hand).
; Not built or run on this project's CI, which has no Windows machine.

#include "..\..\build\windows\version.iss"

[Setup]
AppId={{6F3C1E52-8B0E-4C7A-9D1B-2A4F5E6C7D80}
AppName=党建联盟工作台
AppVersion={#AppVersion}
AppVerName=党建联盟工作台 {#AppVersion}
AppPublisher=Alliance Desk
DefaultDirName={autopf}\AllianceDesk
DefaultGroupName=党建联盟工作台
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=AllianceDesk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\alliance-desk.ico
UninstallDisplayIcon={app}\AllianceDesk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\AllianceDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\党建联盟工作台"; Filename: "{app}\AllianceDesk.exe"
Name: "{group}\党建联盟工作台（演示数据）"; Filename: "{app}\AllianceDesk.exe"; Parameters: "--demo"
Name: "{group}\{cm:UninstallProgram,党建联盟工作台}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\党建联盟工作台"; Filename: "{app}\AllianceDesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\AllianceDesk.exe"; Description: "{cm:LaunchProgram,党建联盟工作台}"; Flags: nowait postinstall skipifsilent
