; TienDo installer: per-user, no administrator rights needed.
;   makensis -DVERSION=0.1.0 installer/tiendo.nsi          (on Windows, after `make bundle`)
;   makensis -DAPP_EXE=TienDo -DVERSION=0.1.0 installer/tiendo.nsi   (Linux: proves the script compiles)
; The uninstaller removes the program only: workspaces in %APPDATA%\TienDo stay.

Unicode true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef APP_EXE
  !define APP_EXE "TienDo.exe"
!endif
!ifndef BUNDLE_DIR
  !define BUNDLE_DIR "..\dist\TienDo"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "..\dist\TienDo-Setup-${VERSION}.exe"
!endif
!define APP_NAME "TienDo"
!define APP_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\TienDo"

Name "${APP_NAME} ${VERSION}"
OutFile "${OUT_FILE}"
InstallDir "$LOCALAPPDATA\Programs\TienDo"
InstallDirRegKey HKCU "Software\TienDo" "InstallDir"

!include "MUI2.nsh"
!include "WinVer.nsh"
!include "x64.nsh"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; Vietnamese first: it is the default when the system language is not English.
!insertmacro MUI_LANGUAGE "Vietnamese"
!insertmacro MUI_LANGUAGE "English"

LangString DESKTOP_LINK ${LANG_VIETNAMESE} "TienDo - Tiến độ kế hoạch"
LangString DESKTOP_LINK ${LANG_ENGLISH} "TienDo - Plan progress"
LangString PACKAGE_TYPE ${LANG_VIETNAMESE} "Gói dữ liệu TienDo"
LangString PACKAGE_TYPE ${LANG_ENGLISH} "TienDo data package"
LangString WORKSPACE_TYPE ${LANG_VIETNAMESE} "Tệp dữ liệu TienDo"
LangString WORKSPACE_TYPE ${LANG_ENGLISH} "TienDo workspace"
LangString KEEP_DATA ${LANG_VIETNAMESE} "Dữ liệu của bạn trong thư mục %APPDATA%\TienDo được giữ nguyên."
LangString KEEP_DATA ${LANG_ENGLISH} "Your data in %APPDATA%\TienDo is kept."
; Qt 6 runs only on 64-bit Windows 10 or newer, and Qt 6.10+'s Qt6Core.dll uses Windows' own
; ICU (icuuc.dll -> icu.dll), complete only from Windows 10 version 1903 (build 18362):
; say so before copying anything.
LangString NEEDS_WINDOWS ${LANG_VIETNAMESE} "TienDo cần Windows 10 (64-bit) phiên bản 1903 trở lên, hoặc Windows 11. Máy này không chạy được TienDo."
LangString NEEDS_WINDOWS ${LANG_ENGLISH} "TienDo needs 64-bit Windows 10 version 1903 or newer, or Windows 11. It cannot run on this computer."

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
  ${OrIfNot} ${AtLeastBuild} 18362
    MessageBox MB_ICONSTOP|MB_OK "$(NEEDS_WINDOWS)"
    Abort
  ${EndIf}
FunctionEnd

Section "TienDo" SecMain
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  CreateDirectory "$SMPROGRAMS\TienDo"
  CreateShortcut "$SMPROGRAMS\TienDo\TienDo.lnk" "$INSTDIR\${APP_EXE}"
  CreateShortcut "$SMPROGRAMS\TienDo\Gỡ cài đặt TienDo.lnk" "$INSTDIR\Uninstall.exe"
  CreateShortcut "$DESKTOP\$(DESKTOP_LINK).lnk" "$INSTDIR\${APP_EXE}"

  ; File associations, per user (HKCU\Software\Classes needs no administrator).
  WriteRegStr HKCU "Software\Classes\.tdpkg" "" "TienDo.Package"
  WriteRegStr HKCU "Software\Classes\TienDo.Package" "" "$(PACKAGE_TYPE)"
  WriteRegStr HKCU "Software\Classes\TienDo.Package\DefaultIcon" "" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "Software\Classes\TienDo.Package\shell\open\command" "" '"$INSTDIR\${APP_EXE}" --import "%1"'
  WriteRegStr HKCU "Software\Classes\.tiendo" "" "TienDo.Workspace"
  WriteRegStr HKCU "Software\Classes\TienDo.Workspace" "" "$(WORKSPACE_TYPE)"
  WriteRegStr HKCU "Software\Classes\TienDo.Workspace\DefaultIcon" "" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "Software\Classes\TienDo.Workspace\shell\open\command" "" '"$INSTDIR\${APP_EXE}" --open "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  WriteRegStr HKCU "Software\TienDo" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${APP_KEY}" "DisplayName" "TienDo ${VERSION}"
  WriteRegStr HKCU "${APP_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${APP_KEY}" "Publisher" "TienDo"
  WriteRegStr HKCU "${APP_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${APP_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKCU "${APP_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegDWORD HKCU "${APP_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${APP_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  ; Only the program: the user's workspaces and backups under %APPDATA%\TienDo stay.
  RMDir /r "$INSTDIR"
  Delete "$SMPROGRAMS\TienDo\*.lnk"
  RMDir "$SMPROGRAMS\TienDo"
  Delete "$DESKTOP\$(DESKTOP_LINK).lnk"
  DeleteRegKey HKCU "Software\Classes\TienDo.Package"
  DeleteRegKey HKCU "Software\Classes\TienDo.Workspace"
  DeleteRegValue HKCU "Software\Classes\.tdpkg" ""
  DeleteRegValue HKCU "Software\Classes\.tiendo" ""
  DeleteRegKey HKCU "${APP_KEY}"
  DeleteRegKey HKCU "Software\TienDo"
  DetailPrint "$(KEEP_DATA)"
SectionEnd
