// The videos pages' words in English (docs/i18n.md). Keys begin with 'videos.'.
export const enVideos = {
  // A video's state, on its page, its card and the signed-in home.
  'videos.state.queued': 'Queued',
  'videos.state.rendering': 'Rendering shots',
  'videos.state.stitching': 'Assembling the video',
  'videos.state.done': 'Ready',
  'videos.state.failed': 'Failed',
  'videos.state.canceled': 'Canceled',
  // A shot's state, in the list of shots.
  // Words of the product, not of the vendor or its internal steps (issue 23).
  'videos.shot.queued': 'Waiting',
  'videos.shot.submitted': 'Starting',
  'videos.shot.running': 'Making',
  'videos.shot.runningPercent': 'Making {percent}%',
  'videos.shot.moderating': 'Finishing',
  'videos.shot.downloading': 'Finishing',
  'videos.shot.done': 'Done',
  'videos.shot.failed': 'Failed',
  'videos.shot.canceled': 'Canceled',
  'videos.shot.noCaption': 'no caption',
  'videos.shot.progress': 'Shot {position} progress',

  // The tab's title while a video renders and once it is finished ({title}: the person's product name).
  'videos.title.finished': '{status} · {title}',
  'videos.title.queued': 'Queued · {title}',
  'videos.title.rendering': '{percent}% rendering · {title}',

  // The live part of the video page.
  'videos.status.shotsRendered': '{done} of {total} shots rendered',
  'videos.status.waiting': 'Waiting for its turn · {total, plural, one {# shot} other {# shots}} to make',
  'videos.status.makingShot': 'Making shot {current} of {total}',
  'videos.status.assembling': 'All {total} shots made · putting the video together {percent}%',
  'videos.status.failedFree': 'This video does not count against your monthly quota.',
  'videos.status.failedCharged':
    'The shots already made before it failed were paid for, so this video still counts against your monthly quota.',
  'videos.status.canceledCounted':
    'You canceled this render after its shots had started, so it still counts against your monthly quota.',
  'videos.status.canceledFree': 'You canceled this render. It does not count against your monthly quota.',
  'videos.cancel.button': 'Cancel render',
  'videos.cancel.confirmCounts':
    'Cancel this render? It still counts against your monthly quota because its shots have started rendering.',
  'videos.cancel.confirmFree': 'Cancel this render? It will not count against your monthly quota.',
  'videos.cancel.hintCounts':
    'Its shots have started rendering, so this video still counts against your monthly quota if you cancel.',
  'videos.cancel.hintFree':
    'Canceling is free: no shot has started yet, so this video will not count against your quota.',

  // What a screen reader hears while a video renders (views/videos/announcer.tsx).
  'videos.said.shotRendered': 'Shot {position} of {total} is rendered.',
  'videos.said.ready': 'Your video is ready. The player is at the top of the page.',
  'videos.said.failed': 'The video could not be made. The reason is shown on the page.',
  'videos.said.canceled': 'The render was canceled.',

  // The video page.
  'videos.page.meta':
    '{aspect} · {seconds} s of shots + end card · {shots, plural, one {# shot} other {# shots}} · started {date} UTC',
  'videos.page.screenplayVersion': 'Screenplay, version {version}',
  'videos.page.fromBrief': 'Videos from this brief',
  'videos.page.fromBriefItem': '{aspect} · {seconds} s · version {version} · {date}',
  'videos.page.notCanceled':
    'Not canceled: its shots started rendering after the page was loaded, so canceling it now still counts against your monthly quota. Press Cancel render again if you still want to cancel.',
  'videos.player.cannotPlay': 'Your browser cannot play this video. <link>Download it</link> instead.',
  'videos.player.download': 'Download MP4',

  // The library, /videos.
  'videos.library.title': 'My videos',
  'videos.library.count': '{total, plural, one {# video} other {# videos}}, newest first',
  'videos.library.briefs': 'My briefs',
  'videos.library.pastEndHeading': 'No videos on this page',
  'videos.library.pastEnd': 'This page is past the end of your library.',
  'videos.library.backToNewest': 'Back to the newest videos',
  'videos.library.emptyHeading': 'No videos yet',
  'videos.library.empty': 'Open a brief and press Render video on its screenplay.',
  'videos.library.goToBriefs': 'Go to my briefs',
  'videos.library.cardMeta': '{status} · {seconds} s · {aspect} · version {version} · {date}',
  'videos.library.download': 'Download',
  'videos.library.delete': 'Delete',
  'videos.library.deleted': 'The video was deleted.',
  'videos.delete.question': 'Delete this video?',
  'videos.delete.consequence':
    'The video file and its poster are removed for good. The brief and its screenplay stay. A video still rendering is canceled first.',
  'videos.delete.go': 'Delete video',
  'videos.delete.keep': 'Keep it',
  'videos.library.pages': 'Pages',
  'videos.library.newer': '← Newer',
  'videos.library.older': 'Older →',
  'videos.library.pageOf': 'Page {page} of {pages}',

  // Why a render was not started (src/render/routes.tsx).
  'videos.confirmFirst.title': 'Confirm your email first',
  'videos.confirmFirst.message':
    'Rendering opens once your email address is confirmed. Click the link we mailed you, or send a new one from your account page. Your screenplay is saved.',
  'videos.quota.library': 'Your videos',
  'videos.quota.title': 'Monthly video limit reached',
  'videos.quota.message':
    'You have used {used} of your {quota} videos this month. Your quota resets on {date} (UTC). Nothing was started.',

  // Why a video or a shot failed: the English is what is stored (and what the API says); the page
  // shows it in its language (src/render/reasons.ts). Each must equal the sentence the code writes.
  'videos.reason.shotFailed': 'Shot {position} could not be rendered: {reason}',
  'videos.reason.gaveUp':
    'Something went wrong on our side and this video could not be rendered after {tries} tries, so we stopped trying. Please render it again later.',
  'videos.reason.assemble': 'We could not assemble the video from its clips.',
  'videos.reason.checkFailed': 'The finished video could not be checked.',
  'videos.reason.renderingAgain': 'This shot did not come out on the first try, so it is being made once more.',
  'videos.reason.failedEarlier': 'The video service could not render this shot.',
  'videos.reason.providerSaid': 'The video service could not render this shot: {message}',
  'videos.reason.misconfigured':
    'The video service rejected this server’s credentials. The operator needs to check the LibTV keys.',
  'videos.reason.serviceAccount':
    'The video service account has no API plan or has run out of points. The operator needs to top it up.',
  'videos.reason.busy': 'The video service is busy or briefly unavailable. The shot can be tried again shortly.',
  'videos.reason.invalidParameter':
    'The video service refused this shot’s settings (an invalid parameter), for example an image it cannot use: JPG or PNG, each side at least 300 px, aspect between 1:2.5 and 2.5:1.',
  'videos.reason.planExpired': 'The video service plan of this server has expired. The operator needs to renew it.',
  'videos.reason.imageFetch':
    'The video service could not fetch the product image. It must be reachable and at most 10 MB.',
  'videos.reason.imageRefused': 'The video service’s content rules refused the product image.',
  'videos.reason.imageDownload': 'The video service could not download the product image.',
  'videos.reason.incomplete': 'The video service refused the request as incomplete.',
  'videos.reason.taskUnknown': 'The video service no longer knows this shot’s task; it has to be rendered again.',
  'videos.reason.wordingRefused':
    'The video service’s content rules refused this shot’s wording. Rephrase the shot and try again.',
  'videos.reason.modelNotAllowed': 'The video model configured on this server is not available to its account.',
  'videos.reason.clipBlocked':
    'The video service’s moderation blocked the rendered clip. Rephrase the shot or use another image.',
  'videos.reason.templateUnknown': 'The video service does not know the template this server uses.',
  'videos.reason.modelMissing': 'The video model configured on this server does not exist.',
  'videos.reason.refused': 'The video service refused the request.',
  'videos.reason.notInTime': 'The video service did not finish this shot in time.',
  'videos.reason.providerGaveUp': 'The video service took too long to render this shot and gave up.',
  'videos.reason.cancelled': 'The request to the video service was cancelled.',
  'videos.reason.unexpected': 'The video service answered in an unexpected way.',
  'videos.reason.imageUrl': 'This shot cannot be rendered: the image URL must be http(s).',
  'videos.reason.promptLength': 'This shot cannot be rendered: the prompt must have 1–{max} characters.',
  'videos.reason.duration': 'This shot cannot be rendered: the duration must be 5 or 10 seconds.',
  'videos.reason.clipExpired':
    'The rendered clip is no longer available from the video service; the shot has to be rendered again.',
  'videos.reason.badFile': 'The video service returned a file that is not a usable MP4.',
  'videos.reason.badLink': 'The video service returned a link to a place we do not download from.',
  'videos.reason.uploadFailed': 'The product image could not be handed to the video service.',
  'videos.reason.uploadImage': 'The product image must be a JPG or PNG of at most 10 MB.',

  // The local mailbox, /dev/mail (a developer's page; the mails in it are in their own language).
  'videos.mailbox.title': 'Local mailbox',
  'videos.mailbox.lead':
    'No mail server is configured (SMTP_URL), so the mails this app sends are kept here, newest first. Only this machine can open this page, and it does not exist in production.',
  'videos.mailbox.empty': 'No mail yet. Sign up or ask for a password reset, then reload this page.',
  'videos.mailbox.subject': 'Subject',
  'videos.mailbox.to': 'To',
  'videos.mailbox.from': 'From',
  'videos.mailbox.sentUtc': 'Sent (UTC)',
  'videos.mailbox.sent': 'Sent',
  'videos.mailbox.sentAt': '{time} UTC',
  'videos.mailbox.back': '← Local mailbox',
} as const
