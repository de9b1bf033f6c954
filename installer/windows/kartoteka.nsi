; The Windows installer of Kartoteka: per user, without administrator rights, in Polish.
; Built by scripts/package.sh with makensis (Debian's nsis) from the cross-built programs:
;   makensis -DVERSION=0.1.0 -DSRCDIR=<folder with the .exe files> -DOUTFILE=<setup.exe>
;            -DICON=<icon.ico> installer/windows/kartoteka.nsi
; Tauri's own NSIS bundle needs a plugin downloaded from the internet at build time; this script
; needs nothing beyond the nsis package.

; A 64-bit installer for the 64-bit programs (Unicode).
Target amd64-unicode
!include "MUI2.nsh"
!include "LogicLib.nsh"

!ifndef VERSION
  !error "VERSION is required (-DVERSION=…)"
!endif
!ifndef SRCDIR
  !error "SRCDIR is required (-DSRCDIR=…)"
!endif
!ifndef OUTFILE
  !error "OUTFILE is required (-DOUTFILE=…)"
!endif
!ifndef ICON
  !error "ICON is required (-DICON=…)"
!endif

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Kartoteka"
; The WebView2 Runtime's client id (Microsoft's documented registry check).
!define WEBVIEW2_ID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "Kartoteka"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\Kartoteka"
InstallDirRegKey HKCU "Software\Kartoteka" "InstallDir"
SetCompressor /SOLID lzma
BrandingText "Kartoteka ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1045 "ProductName" "Kartoteka"
VIAddVersionKey /LANG=1045 "FileDescription" "Instalator programu Kartoteka"
VIAddVersionKey /LANG=1045 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1045 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1045 "LegalCopyright" "© 2026 Kartoteka"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\kartoteka-app.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Uruchom Kartotekę"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Polish"

Section "Kartoteka" SecMain
  SetOutPath "$INSTDIR"
  File "${SRCDIR}/kartoteka-app.exe"
  File "${SRCDIR}/kartoteka.exe"
  File /nonfatal "${SRCDIR}/WebView2Loader.dll"
  WriteUninstaller "$INSTDIR\Odinstaluj.exe"
  WriteRegStr HKCU "Software\Kartoteka" "InstallDir" "$INSTDIR"

  CreateDirectory "$SMPROGRAMS\Kartoteka"
  CreateShortcut "$SMPROGRAMS\Kartoteka\Kartoteka.lnk" "$INSTDIR\kartoteka-app.exe" "" "$INSTDIR\kartoteka-app.exe" 0
  CreateShortcut "$SMPROGRAMS\Kartoteka\Odinstaluj Kartotekę.lnk" "$INSTDIR\Odinstaluj.exe"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "Kartoteka"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Kartoteka"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\kartoteka-app.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Odinstaluj.exe"'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1

  ; The window needs the Microsoft Edge WebView2 Runtime (part of Windows 11; on Windows 10
  ; installed by Edge updates). Without it, say what to do instead of failing at start.
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${If} $0 == ""
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    MessageBox MB_ICONINFORMATION|MB_OK "Kartoteka potrzebuje środowiska Microsoft Edge WebView2, którego nie ma na tym komputerze.$\r$\n$\r$\nPoproś dział IT o zainstalowanie „WebView2 Runtime — Evergreen Standalone Installer (x64)” (działa bez internetu). Wiersz poleceń kartoteka.exe działa już teraz." /SD IDOK
  ${EndIf}
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\kartoteka-app.exe"
  Delete "$INSTDIR\kartoteka.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\Odinstaluj.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\Kartoteka\Kartoteka.lnk"
  Delete "$SMPROGRAMS\Kartoteka\Odinstaluj Kartotekę.lnk"
  RMDir "$SMPROGRAMS\Kartoteka"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\Kartoteka"
  ; The registry's data (in %APPDATA%\kartoteka) stays: it is the office's records.
SectionEnd
