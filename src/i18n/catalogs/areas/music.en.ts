// The words of a person's own music, the operator's library and the ambient sound option, in
// English (docs/i18n.md, docs/music.md). Keys begin with 'music.'.
export const enMusic = {
  // The "My music" page (/music)
  'music.page.title': 'My music',
  'music.page.intro':
    "Your own tracks, for any of your videos: choose one in a brief's Music field. Upload only music you have the right to use.",
  'music.upload.heading': 'Add a track',
  'music.upload.file': 'Audio file',
  'music.upload.hint':
    'MP3, M4A/AAC, WAV or OGG, at most 20 MB and 5 minutes. We keep the sound only: its tags (title, artist, cover) are removed.',
  'music.upload.title': 'Name (optional)',
  'music.upload.titleHint': 'Left empty, the track is named after its file.',
  'music.upload.submit': 'Upload track',
  'music.upload.done': '“{title}” is ready to use.',
  'music.list.heading': 'Your tracks',
  'music.list.empty': 'No tracks yet. Add one above.',
  'music.list.usage':
    '{used, plural, =0 {No tracks} one {# track} other {# tracks}} of {cap}, {usedMegabytes} MB of {capMegabytes} MB.',
  'music.list.length': 'Length {length}',
  'music.list.noPlayer': 'Your browser cannot play this track here.',
  'music.list.name': 'Name',
  'music.list.rename': 'Rename',
  'music.list.delete': 'Delete',
  'music.list.deleteNamed': 'Delete “{title}”',
  'music.renamed': 'Renamed to “{title}”.',
  'music.deleted': 'The track was deleted. Briefs that used it get no music until you choose another.',
  // Why an upload was refused
  'music.upload.choose': 'Choose an audio file to upload.',
  'music.upload.notAudio': 'This file is not audio we can read. Upload an MP3, M4A/AAC, WAV or OGG file.',
  'music.upload.tooLong':
    'This track is {length} long; a track may be at most 5 minutes. Shorten it and upload it again.',
  'music.upload.tooShort': 'This track is shorter than 5 seconds; upload a longer one.',
  'music.upload.tooLarge':
    'This file is larger than 20 MB. Upload a smaller file (5 minutes of MP3 is about 5 to 10 MB).',
  'music.title.invalid': 'Give the track a name of 1 to 80 characters.',
  'music.cap.tracks':
    'Your {plan, select, free {Free} creator {Creator} studio {Studio} other {current}} plan keeps up to {cap} tracks, and you have {used}. Delete a track you no longer need, then upload again.',
  'music.cap.trackBytes':
    'Your {plan, select, free {Free} creator {Creator} studio {Studio} other {current}} plan keeps up to {capMegabytes} MB of tracks; yours take {usedMegabytes} MB. Delete a track you no longer need, then upload again.',
  // The brief form's music field
  'music.form.ownTrack': 'My music: {title}',
  'music.form.libraryTrack': 'Library: {title}',
  'music.form.manage': 'Upload your own music',
  'music.form.ambient': 'Ambient sound from the video model',
  'music.form.ambientHint': 'Keeps the sound the video model makes for each shot, quietly under the music.',
  'music.invalid.ambientSound': 'Choose whether to keep the ambient sound',
  'music.invalid.notYours': 'Choose a music track from the list',
  // The video page: a library track's credit, as its licence asks
  'music.credit': 'Music: {attribution}',
  // The account page's link
  'music.account.link': 'My music',
}
