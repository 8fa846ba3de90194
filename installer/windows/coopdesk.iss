; Inno Setup script for coopdesk on Windows (Inno Setup 6.5 or later: it ships the Swedish texts).
;
;   iscc /DAppVersion=0.1.0 /DAppNumericVersion=0.1.0.0 /DBundleDir=dist\coopdesk /Odist installer\windows\coopdesk.iss
;
; installer/build.py runs this after it has built the bundle and its self-test has passed.
;
; Per user, without administrator rights: the program goes to %LOCALAPPDATA%\Programs\coopdesk
; ({autopf} in non administrative install mode). The data is elsewhere, in %LOCALAPPDATA%\coopdesk
; (the database, its keys, backups\ and logs\, see coopdesk/storage/paths.py): this installer never
; writes there and the uninstaller never deletes anything there. An upgrade installs over the old
; version in place (same AppId); the data is not touched.
; Reference: https://jrsoftware.org/ishelp/

#ifndef AppVersion
  #error Give the version: iscc /DAppVersion=x.y.z (installer/build.py does)
#endif
#ifndef AppNumericVersion
  #define AppNumericVersion AppVersion
#endif
#ifndef BundleDir
  #define BundleDir AddBackslash(SourcePath) + "..\..\dist\coopdesk"
#endif
#define AppName "coopdesk"
#define AppExe "coopdesk.exe"
#define Root AddBackslash(SourcePath) + "..\.."

[Setup]
; The AppId identifies coopdesk to Windows for upgrades and the uninstaller: never change it.
; ("{{" is how Inno Setup writes a literal "{".)
AppId={{6F3C2B8E-4D1A-4E7B-9C55-2A8E0D7F1B43}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=coopdesk developers
AppCopyright=GPL-3.0-or-later
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} installer
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
DefaultGroupName={#AppName}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile={#Root}\resources\icons\coopdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
; A running coopdesk is closed (it saves and backs up on closing) before its files are replaced.
CloseApplications=yes
RestartApplications=no

[Languages]
#if FileExists(AddBackslash(CompilerPath) + "Languages\Swedish.isl")
Name: "sv"; MessagesFile: "compiler:Languages\Swedish.isl"
#else
  #error This Inno Setup has no Languages\Swedish.isl: use Inno Setup 6.5 or later
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
sv.AppComment=Närvaro, handledartid och månadsredovisningar
en.AppComment=Attendance, supervisor hours and monthly statements
sv.DataKept=Dina uppgifter och säkerhetskopior finns kvar i %1.%nDe tas inte bort av avinstallationen.
en.DataKept=Your data and backups are still in %1.%nUninstalling does not remove them.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole program folder's libraries: files of the old version that the new one
; no longer has must not be loaded by it. Only the program's own folder, never the data.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder; the data folder {localappdata}\coopdesk is never listed here.
Type: filesandordirs; Name: "{app}\_internal"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DirExists(ExpandConstant('{localappdata}\{#AppName}')) then
    SuppressibleMsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\{#AppName}')]),
      mbInformation, MB_OK, IDOK);
end;
